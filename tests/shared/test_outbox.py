"""The outbox keeps a journey start that Temporal could not take, and sends it once it can
(real PostgreSQL, real Temporal dev server)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import SearchAttributeKey

from services.registration.settings import RegistrationSettings
from shared.db import create_pool
from shared.outbox import OutboxRelay, SignalWorkflow, StartWorkflow, enqueue
from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from workflows.ids import claimant_journey_id
from workflows.messages import SA_DISTRICT, WORKFLOW_TYPE


@pytest.fixture
async def pool(migrated: None) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(RegistrationSettings())
    yield pool
    await pool.close()


@pytest.fixture
async def temporal() -> Client:
    return await connect_temporal(CommonSettings())


async def test_a_start_queued_while_temporal_is_down_goes_out_later_exactly_once(
    pool: asyncpg.Pool, temporal: Client
) -> None:
    workflow_id = claimant_journey_id(uuid.uuid4())
    # No worker polls this queue: the workflow just has to exist.
    task_queue = f"outbox-{uuid.uuid4()}"
    start = StartWorkflow(
        workflow_id=workflow_id,
        workflow_type=WORKFLOW_TYPE,
        arg={"registration_id": workflow_id.removeprefix("claimant-journey-"), "district": "430102",
             "registration_date": "2026-11-02"},
        keyword_search_attributes={SA_DISTRICT: "430102"},
    )
    try:
        async with pool.acquire() as conn, conn.transaction():
            outbox_id = await enqueue(conn, start)
            assert await enqueue(conn, start) is None  # the same command twice is one row

        unreachable = await Client.connect("127.0.0.1:1", lazy=True)
        await OutboxRelay(pool, unreachable, task_queue).dispatch([outbox_id])
        row = await pool.fetchrow("SELECT sent_at, attempts, last_error FROM outbox WHERE id = $1", outbox_id)
        assert row["sent_at"] is None and row["attempts"] == 1 and row["last_error"]

        relay = OutboxRelay(pool, temporal, task_queue)
        await relay.dispatch([outbox_id])
        await relay.dispatch([outbox_id])  # already sent: nothing happens
        row = await pool.fetchrow("SELECT sent_at, attempts, last_error FROM outbox WHERE id = $1", outbox_id)
        assert row["sent_at"] is not None and row["attempts"] == 2 and row["last_error"] is None

        description = await temporal.get_workflow_handle(workflow_id).describe()
        assert description.status == WorkflowExecutionStatus.RUNNING
        assert description.task_queue == task_queue
        assert description.typed_search_attributes.get(SearchAttributeKey.for_keyword(SA_DISTRICT)) == "430102"
        runs = [w async for w in temporal.list_workflows(f'WorkflowId = "{workflow_id}"')]
        assert len(runs) == 1
    finally:
        await temporal.get_workflow_handle(workflow_id).terminate("outbox test done")
        await pool.execute("DELETE FROM outbox WHERE workflow_id = $1", workflow_id)


async def test_a_signal_for_a_finished_journey_is_dropped_not_retried_forever(
    pool: asyncpg.Pool, temporal: Client
) -> None:
    workflow_id = claimant_journey_id(uuid.uuid4())
    handle = await temporal.start_workflow(
        WORKFLOW_TYPE,
        {"registration_id": workflow_id.removeprefix("claimant-journey-"), "district": "430102",
         "registration_date": "2026-11-02"},
        id=workflow_id,
        task_queue=f"outbox-{uuid.uuid4()}",
    )
    await handle.terminate("finished before the signal")
    try:
        async with pool.acquire() as conn, conn.transaction():
            outbox_id = await enqueue(
                conn, SignalWorkflow(workflow_id, "placement_recorded", {"placement_id": "p"}, event_key="p")
            )
        await OutboxRelay(pool, temporal, "unused").dispatch([outbox_id])
        assert await pool.fetchval("SELECT sent_at IS NOT NULL FROM outbox WHERE id = $1", outbox_id)
    finally:
        await pool.execute("DELETE FROM outbox WHERE workflow_id = $1", workflow_id)
