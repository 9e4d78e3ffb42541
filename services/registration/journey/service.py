"""Reads a journey's live state from its workflow (query) and Temporal (status). The state is
stored with the run and history length it was read at, and served from there while Temporal
describes the same (issue 13, B5): a sleeping journey is not replayed for each look at it."""

from __future__ import annotations

import uuid
from collections import Counter

import asyncpg
from pydantic import TypeAdapter, ValidationError
from temporalio.client import Client, WorkflowExecution
from temporalio.common import SearchAttributeKey

from services.registration.journey import repository
from services.registration.journey.schemas import (
    JourneyCountRead,
    JourneyRead,
    JourneyStepRead,
    JourneySummaryRead,
)
from services.registration.unemployment.service import get_visible, to_read
from shared.auth import Principal, Role
from shared.temporal import WorkflowView, describe_run, list_workflows, query_run
from shared.ids import validate_district
from contracts.journey import CLAIMANT_JOURNEY_PREFIX
from contracts.journey import (
    DISTRICT_KEY,
    STAGE_KEY,
    JourneyState,
    QUERY_STATE,
    SA_DISTRICT,
    SA_JOURNEY_STAGE,
    SA_REVIEW_OVERDUE,
    Stage,
    WORKFLOW_TYPE,
)


async def get_journey(
    conn: asyncpg.Connection, temporal: Client, principal: Principal, registration_id: uuid.UUID
) -> JourneyRead:
    row = await get_visible(conn, principal, registration_id)
    workflow_id = row["journey_workflow_id"]
    view = await _read_state(conn, temporal, registration_id, workflow_id)
    if view is None:
        # The start is still queued in the outbox (Temporal was unreachable at registration).
        return JourneyRead(
            registration_id=registration_id,
            workflow_id=workflow_id,
            status="NOT_STARTED",
            stage=None,
            claim_id=None,
            job_seeker_id=None,
            entitlement_months=0,
            months_paid=0,
            review_overdue=False,
            steps=[],
            registration=to_read(row),
            **_registration_end(row),
        )
    state = view.state
    return JourneyRead(
        registration_id=registration_id,
        workflow_id=workflow_id,
        status=view.status,
        stage=state.stage,
        claim_id=state.claim_id,
        job_seeker_id=state.job_seeker_id,
        entitlement_months=state.entitlement_months,
        months_paid=state.months_paid,
        review_overdue=state.review_overdue,
        reported_months=state.reported_months,
        stop_proposed=state.stop_proposed,
        **_registration_end(row),
        steps=[
            JourneyStepRead(at=s.at, stage=s.stage, event=s.event, detail=s.detail)
            for s in state.steps
        ],
        registration=to_read(row),
    )


_STATE = TypeAdapter(JourneyState)


async def _read_state(
    conn: asyncpg.Connection, temporal: Client, registration_id: uuid.UUID, workflow_id: str
) -> WorkflowView[JourneyState] | None:
    """Described first, then queried only when the history moved since the stored state: the
    query answers at that length or a later one, so the stored state is never older than its label."""
    run = await describe_run(temporal, workflow_id)
    if run is None:
        return None
    stored = await repository.stored_state(conn, registration_id, run.run_id, run.history_length)
    if stored is not None:
        try:
            return WorkflowView(run.status, _STATE.validate_python(stored))
        except ValidationError:  # stored by an earlier version of the state: read it again
            pass
    state = await query_run(temporal, workflow_id, run, QUERY_STATE, JourneyState)
    if state is None:
        return None
    await repository.store_state(
        conn, registration_id, run.run_id, run.history_length, _STATE.dump_python(state, mode="json")
    )
    return WorkflowView(run.status, state)


def _registration_end(row: asyncpg.Record) -> dict:
    """From the registration service's own record: the journey closes it (R-SPELL-1)."""
    return {
        "registration_status": row["status"],
        "registration_ended_on": row["ended_on"],
        "registration_end_reason": row["end_reason"],
    }


async def list_journeys(
    temporal: Client,
    principal: Principal,
    *,
    stage: Stage | None,
    district: str | None,
    review_overdue: bool | None,
    limit: int,
) -> list[JourneySummaryRead]:
    """A worklist from Temporal's visibility store by the journey's search attributes. Every value
    put in the query is validated first (an enum, a 6-digit code, a bool): nothing free-form."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district  # a service point sees its own district only
    clauses = [f"WorkflowType = '{WORKFLOW_TYPE}'"]
    if stage is not None:
        clauses.append(f"{SA_JOURNEY_STAGE} = '{stage.value}'")
    if district is not None:
        clauses.append(f"{SA_DISTRICT} = '{validate_district(district)}'")
    if review_overdue is not None:
        clauses.append(f"{SA_REVIEW_OVERDUE} = {'true' if review_overdue else 'false'}")
    executions = [e async for e in list_workflows(temporal, " AND ".join(clauses), limit)]
    return [_summary(e) for e in executions]


def _summary(execution: WorkflowExecution) -> JourneySummaryRead:
    attributes = execution.typed_search_attributes
    stage = attributes.get(SearchAttributeKey.for_keyword(SA_JOURNEY_STAGE))
    return JourneySummaryRead(
        registration_id=uuid.UUID(execution.id.removeprefix(CLAIMANT_JOURNEY_PREFIX)),
        workflow_id=execution.id,
        status=execution.status.name if execution.status else "UNKNOWN",
        stage=Stage(stage) if stage else None,
        district=attributes.get(SearchAttributeKey.for_keyword(SA_DISTRICT)),
        review_overdue=bool(attributes.get(SearchAttributeKey.for_bool(SA_REVIEW_OVERDUE))),
        started_at=execution.start_time,
    )


def running_journeys_query(district: str | None) -> str:
    """The visibility query of the running journeys, of one district if given (a validated
    6-digit code: nothing free-form enters the query)."""
    clauses = [f"WorkflowType = '{WORKFLOW_TYPE}'", "ExecutionStatus = 'Running'"]
    if district is not None:
        clauses.append(f"{SA_DISTRICT} = '{validate_district(district)}'")
    return " AND ".join(clauses)


def stage_of(execution: WorkflowExecution) -> Stage | None:
    value = execution.typed_search_attributes.get(STAGE_KEY)
    try:
        return Stage(value) if value else None
    except ValueError:  # a stage this version does not know: counted without one
        return None


def district_of(execution: WorkflowExecution) -> str | None:
    return execution.typed_search_attributes.get(DISTRICT_KEY)


async def count_open_journeys(
    temporal: Client, principal: Principal, *, district: str | None
) -> list[JourneyCountRead]:
    """Running journeys by stage × district. Temporal's count groups by execution status only,
    so the running journeys are listed (search attributes only, page by page) and counted here."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district  # a service point counts its own district only
    counts: Counter[tuple[Stage | None, str | None]] = Counter()
    # limit None: every page (the count must be whole).
    async for execution in list_workflows(temporal, running_journeys_query(district), None):
        counts[(stage_of(execution), district_of(execution))] += 1
    stages = list(Stage)
    order = sorted(counts, key=lambda k: (k[0] is None, stages.index(k[0]) if k[0] else 0, k[1] or ""))
    return [JourneyCountRead(stage=stage, district=code, count=counts[(stage, code)]) for stage, code in order]
