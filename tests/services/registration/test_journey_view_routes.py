"""The journey view (一条龙服务进度) and its stored state (issue 13, B5): the state is read from the
workflow once per history length and served from the registration schema while Temporal (the
dev server) describes the same run at the same length; a signal that moves the history makes
the next view ask the workflow again. A workflow of this test's own stands in for the journey,
answering the journey's query as the journey does."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from temporalio import workflow
from temporalio.client import Client, WorkflowHandle
from temporalio.service import RPCError
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from contracts.journey import QUERY_STATE, JourneyState, JourneyStep, Stage
from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from tests.e2e.conftest import eventually
from tests.factories import auth, registration_payload

_DISTRICT = "430102"


@workflow.defn(name="JourneyViewStandIn")
class StandInJourney:
    """Claim review until told that a month was paid (one signal = one month)."""

    def __init__(self) -> None:
        self._months_paid = 0

    @workflow.run
    async def run(self, registration_id: str) -> None:
        self._registration_id = registration_id
        await workflow.wait_condition(lambda: self._months_paid >= 12)

    @workflow.signal(name="month_paid")
    def month_paid(self) -> None:
        self._months_paid += 1

    @workflow.query(name=QUERY_STATE)
    def state(self) -> JourneyState:
        stage = Stage.ON_BENEFIT if self._months_paid else Stage.CLAIM_REVIEW
        return JourneyState(
            registration_id=self._registration_id, stage=stage, claim_id=None, job_seeker_id=None,
            entitlement_months=12, months_paid=self._months_paid, review_overdue=False,
            steps=[JourneyStep(at=workflow.now(), stage=Stage.CLAIM_REVIEW, event="claim_opened")],
        )


@pytest.fixture
async def temporal() -> AsyncIterator[Client]:
    yield await connect_temporal(CommonSettings())


@pytest.fixture
async def journey(client: httpx.AsyncClient, temporal: Client) -> AsyncIterator[tuple[str, WorkflowHandle]]:
    """A 失业登记 (over the API) whose journey is the stand-in, served by a worker of this test."""
    task_queue = f"journey-view-{uuid.uuid4()}"
    async with Worker(temporal, task_queue=task_queue, workflows=[StandInJourney],
                      workflow_runner=UnsandboxedWorkflowRunner()):
        registered = await client.post(
            "/unemployment-registrations", json=registration_payload(district=_DISTRICT),
            headers=auth("service_point", _DISTRICT),
        )
        assert registered.status_code == 201, registered.text
        body = registered.json()
        handle = await temporal.start_workflow(
            StandInJourney.run, body["id"], id=body["journey_workflow_id"], task_queue=task_queue
        )
        try:
            yield body["id"], handle
        finally:
            with contextlib.suppress(RPCError):  # a test may have ended it already
                await handle.terminate("journey view test done")


async def _stored(conn: asyncpg.Connection, registration_id: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT run_id, history_length, state FROM journey_states WHERE registration_id = $1",
        uuid.UUID(registration_id),
    )


async def test_the_state_is_stored_per_history_length_and_read_again_when_it_moves(
    client: httpx.AsyncClient, conn: asyncpg.Connection, journey: tuple[str, WorkflowHandle]
) -> None:
    registration_id, handle = journey
    url = f"/unemployment-registrations/{registration_id}/journey"
    await handle.query(QUERY_STATE)  # answered after its first task: the history then rests
    first = await client.get(url, headers=auth("case_manager"))
    assert first.status_code == 200, first.text
    assert (first.json()["stage"], first.json()["months_paid"], first.json()["status"]) == (
        "claim_review", 0, "RUNNING")
    stored = await _stored(conn, registration_id)
    described = await handle.describe()
    assert (stored["run_id"], stored["history_length"]) == (described.run_id, described.history_length)
    assert stored["state"]["stage"] == "claim_review"

    # Same run, same length: the stored state is the answer (marked here to tell it apart).
    await conn.execute(
        "UPDATE journey_states SET state = jsonb_set(state, '{entitlement_months}', '7')"
        " WHERE registration_id = $1", uuid.UUID(registration_id),
    )
    again = await client.get(url, headers=auth("case_manager"))
    assert again.json()["entitlement_months"] == 7

    # The history moves: the workflow is asked again and the new state stored.
    await handle.signal("month_paid")
    moved = await eventually(
        lambda: client.get(url, headers=auth("case_manager")), lambda r: r.json()["months_paid"] == 1
    )
    assert (moved.json()["stage"], moved.json()["entitlement_months"]) == ("on_benefit", 12)
    restored = await _stored(conn, registration_id)
    assert restored["history_length"] > stored["history_length"]
    assert restored["history_length"] <= (await handle.describe()).history_length


async def test_a_terminated_run_is_described_as_such_and_its_last_state_kept(
    client: httpx.AsyncClient, conn: asyncpg.Connection, journey: tuple[str, WorkflowHandle]
) -> None:
    registration_id, handle = journey
    url = f"/unemployment-registrations/{registration_id}/journey"
    assert (await client.get(url, headers=auth("case_manager"))).json()["status"] == "RUNNING"
    await handle.terminate("journey view test done")
    closed = await client.get(url, headers=auth("case_manager"))
    assert (closed.json()["status"], closed.json()["stage"]) == ("TERMINATED", "claim_review")
    assert (await _stored(conn, registration_id))["history_length"] == (await handle.describe()).history_length
