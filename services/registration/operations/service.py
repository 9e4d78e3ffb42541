"""运行监控 from Temporal: running journeys whose activities keep failing (each journey's
describe(): its pending activities with their attempts and last failure), and the Schedules with
their next runs. Read-only; 503 workflow_service_unavailable when Temporal does not answer."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator

from google.protobuf.message import Message
from temporalio.api.enums.v1 import PendingActivityState
from temporalio.api.workflow.v1 import PendingActivityInfo
from temporalio.client import Client, ScheduleListActionStartWorkflow, ScheduleListDescription, WorkflowExecution
from temporalio.service import RPCError, RPCStatusCode

from contracts.journey import CLAIMANT_JOURNEY_PREFIX
from services.registration.journey.service import district_of, running_journeys_query, stage_of
from services.registration.operations.schemas import FailingActivityRead, FailingWorkflowsRead, ScheduleRead
from shared.ids import mask_id_number
from shared.temporal import list_workflows, workflow_service_unavailable

# Describes at once: enough to answer quickly, few enough not to crowd the frontend service.
DESCRIBE_CONCURRENCY = 8
# The first attempt failed: Temporal is retrying the activity.
FAILING_FROM_ATTEMPT = 2
FAILURE_MESSAGE_MAX = 300
NEXT_ACTION_TIMES = 3
# An 18-character ID number, should an error message ever quote one (PIPL art. 28).
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-8][0-9]{16}[0-9Xx](?![0-9A-Za-z])")


@contextlib.asynccontextmanager
async def _temporal_answers() -> AsyncIterator[None]:
    """Temporal did not answer (an RPC error other than not-found, or a lazy client that could
    not connect): 503, a status to retry, as ``shared.temporal`` answers for reads."""
    try:
        yield
    except RPCError as error:
        if error.status == RPCStatusCode.NOT_FOUND:
            raise
        raise workflow_service_unavailable() from None
    except (RuntimeError, OSError, TimeoutError):
        raise workflow_service_unavailable() from None


async def failing_journeys(temporal: Client, *, district: str | None, limit: int) -> FailingWorkflowsRead:
    """Of the ``limit`` most recently started running journeys (of a district, if given), every
    pending activity at attempt ≥ 2, the most retried first. Visibility cannot select them (it
    knows nothing of activities), so each journey is described, a few at a time."""
    executions = [e async for e in list_workflows(temporal, running_journeys_query(district), limit + 1)]
    described = executions[:limit]
    gate = asyncio.Semaphore(DESCRIBE_CONCURRENCY)

    async def pending(execution: WorkflowExecution) -> list[PendingActivityInfo]:
        async with gate:
            return await _pending_activities(temporal, execution.id)

    found = await asyncio.gather(*(pending(e) for e in described))
    items = [
        _failing_activity(execution, activity)
        for execution, activities in zip(described, found)
        for activity in activities
        if activity.attempt >= FAILING_FROM_ATTEMPT
    ]
    items.sort(key=lambda i: (-i.attempt, i.workflow_id, i.activity_id))
    return FailingWorkflowsRead(described=len(described), more_running=len(executions) > limit, items=items)


async def _pending_activities(temporal: Client, workflow_id: str) -> list[PendingActivityInfo]:
    try:
        async with _temporal_answers():
            description = await temporal.get_workflow_handle(workflow_id).describe()
    except RPCError:  # not found: gone (retention) since it was listed
        return []
    return list(description.raw_description.pending_activities)


def _failing_activity(execution: WorkflowExecution, activity: PendingActivityInfo) -> FailingActivityRead:
    return FailingActivityRead(
        workflow_id=execution.id,
        registration_id=_registration_id(execution.id),
        stage=stage_of(execution),
        district=district_of(execution),
        activity_id=activity.activity_id,
        activity_type=activity.activity_type.name,
        state=PendingActivityState.Name(activity.state).removeprefix("PENDING_ACTIVITY_STATE_"),
        attempt=activity.attempt,
        maximum_attempts=activity.maximum_attempts or None,
        last_failure=_failure_text(activity),
        # When the last failed attempt ended; Temporal keeps a start time only while one runs.
        last_attempt_at=_time(activity, "last_attempt_complete_time") or _time(activity, "last_started_time"),
        next_attempt_at=_time(activity, "next_attempt_schedule_time"),
    )


def _registration_id(workflow_id: str) -> uuid.UUID | None:
    if not workflow_id.startswith(CLAIMANT_JOURNEY_PREFIX):
        return None
    try:
        return uuid.UUID(workflow_id.removeprefix(CLAIMANT_JOURNEY_PREFIX))
    except ValueError:
        return None


def _failure_text(activity: PendingActivityInfo) -> str | None:
    if not activity.HasField("last_failure"):
        return None
    message = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), activity.last_failure.message)
    return message[:FAILURE_MESSAGE_MAX]


def _time(message: Message, field: str) -> dt.datetime | None:
    if not message.HasField(field):
        return None
    return getattr(message, field).ToDatetime(tzinfo=dt.timezone.utc)


async def list_schedules(temporal: Client) -> list[ScheduleRead]:
    """Every Schedule of the namespace, by ID (Temporal's list is eventually consistent)."""
    async with _temporal_answers():
        entries = [entry async for entry in await temporal.list_schedules()]
    return sorted((_schedule(entry) for entry in entries), key=lambda s: s.schedule_id)


def _schedule(entry: ScheduleListDescription) -> ScheduleRead:
    schedule, info = entry.schedule, entry.info
    action = schedule.action if schedule is not None else None
    return ScheduleRead(
        schedule_id=entry.id,
        workflow_type=action.workflow if isinstance(action, ScheduleListActionStartWorkflow) else None,
        next_action_times=list(info.next_action_times[:NEXT_ACTION_TIMES]) if info is not None else [],
        last_action_at=max((a.started_at for a in info.recent_actions), default=None) if info is not None else None,
        paused=schedule is not None and schedule.state.paused,
    )
