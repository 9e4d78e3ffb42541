"""The outbox relay (issue 9) on the real PostgreSQL and the real Temporal dev server: a request
never waits on it; it sends what is due with no lock held, each row with its own backoff, counts
what it sent, and is woken by the commit."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import SearchAttributeKey

from services.registration.settings import RegistrationSettings
from shared.db import create_pool
from shared.outbox import OutboxRelay, RelayOptions, SignalWorkflow, StartWorkflow, enqueue
from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from contracts.journey import (
    JOURNEY,
    PLACEMENT_RECORDED,
    REGISTRATION_ENDED,
    SA_DISTRICT,
    WORKFLOW_TYPE,
    ClaimantJourneyInput,
    PlacementRecorded,
    RegistrationEnded,
    claimant_journey_id,
)


@pytest.fixture
async def pool(migrated: None) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(RegistrationSettings())
    # Rows other tests left unsent must not be this test's business: push them out of the way.
    await pool.execute("UPDATE outbox SET next_attempt_at = now() + interval '1 day' WHERE sent_at IS NULL")
    yield pool
    await pool.close()


@pytest.fixture
async def temporal() -> Client:
    return await connect_temporal(CommonSettings())


@pytest.fixture
def workflow_ids() -> list[str]:
    return []


@pytest.fixture
async def cleanup(pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str]) -> AsyncIterator[None]:
    yield
    for workflow_id in workflow_ids:
        with contextlib.suppress(Exception):
            await temporal.get_workflow_handle(workflow_id).terminate("outbox test done")
    await pool.execute("DELETE FROM outbox WHERE workflow_id = ANY($1::text[])", workflow_ids)


def start(workflow_ids: list[str], **search_attributes: str) -> StartWorkflow:
    workflow_id = claimant_journey_id(uuid.uuid4())
    workflow_ids.append(workflow_id)
    journey_input = ClaimantJourneyInput(workflow_id.removeprefix("claimant-journey-"), "430102", dt.date(2026, 11, 2))
    return StartWorkflow(JOURNEY, workflow_id, journey_input, search_attributes or {SA_DISTRICT: "430102"})


async def queued(pool: asyncpg.Pool, *commands: StartWorkflow | SignalWorkflow) -> list[int]:
    async with pool.acquire() as conn, conn.transaction():
        return [await enqueue(conn, c) for c in commands]


async def test_a_start_queued_while_temporal_is_down_goes_out_later_exactly_once(
    pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None
) -> None:
    command = start(workflow_ids)
    task_queue = f"outbox-{uuid.uuid4()}"  # no worker polls it: the workflow just has to exist
    [outbox_id] = await queued(pool, command)
    async with pool.acquire() as conn, conn.transaction():
        assert await enqueue(conn, command) is None  # the same command twice is one row

    unreachable = await Client.connect("127.0.0.1:1", lazy=True)
    assert await OutboxRelay(pool, unreachable, task_queue).deliver_due() == (0, 1)
    row = await pool.fetchrow("SELECT * FROM outbox WHERE id = $1", outbox_id)
    assert row["sent_at"] is None and row["attempts"] == 1 and row["last_error"] and row["leased_until"] is None
    assert row["next_attempt_at"] > await pool.fetchval("SELECT now()")  # its own backoff

    relay = OutboxRelay(pool, temporal, task_queue)
    assert await relay.deliver_due() == (0, 0)  # not due yet
    await pool.execute("UPDATE outbox SET next_attempt_at = now() WHERE id = $1", outbox_id)
    assert await relay.deliver_due() == (1, 1)
    assert await relay.deliver_due() == (0, 0)  # sent: nothing happens
    row = await pool.fetchrow("SELECT sent_at, attempts, last_error FROM outbox WHERE id = $1", outbox_id)
    assert row["sent_at"] is not None and row["attempts"] == 2 and row["last_error"] is None

    description = await temporal.get_workflow_handle(command.workflow_id).describe()
    assert (description.status, description.task_queue) == (WorkflowExecutionStatus.RUNNING, task_queue)
    assert description.typed_search_attributes.get(SearchAttributeKey.for_keyword(SA_DISTRICT)) == "430102"
    assert len([w async for w in temporal.list_workflows(f'WorkflowId = "{command.workflow_id}"')]) == 1


async def test_failing_rows_never_keep_the_others_waiting_and_only_sends_are_counted(
    pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None
) -> None:
    """60 starts Temporal refuses (an unregistered search attribute) queued before 5 good ones,
    with a batch of 50: the good ones still go out on the next pass."""
    bad = [start(workflow_ids, NoSuchAttribute="x") for _ in range(60)]
    good = [start(workflow_ids) for _ in range(5)]
    await queued(pool, *bad, *good)
    relay = OutboxRelay(pool, temporal, f"outbox-{uuid.uuid4()}", options=RelayOptions(batch_size=50))

    assert await relay.deliver_due() == (0, 50)
    assert await relay.deliver_due() == (5, 15)
    assert await relay.deliver_due() == (0, 0)  # the failing ones wait out their backoff
    sent = await pool.fetchval(
        "SELECT count(*) FROM outbox WHERE workflow_id = ANY($1::text[]) AND sent_at IS NOT NULL",
        [c.workflow_id for c in good],
    )
    assert sent == 5


class LockProbingClient:
    """Answers a start like Temporal does, after checking that the outbox row is not locked."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self.locked: list[bool] = []

    async def start_workflow(self, *args, id: str, **kwargs) -> None:  # noqa: ANN002, ANN003, A002
        async with self.pool.acquire() as conn, conn.transaction():
            try:
                await conn.execute("SELECT 1 FROM outbox WHERE workflow_id = $1 FOR UPDATE NOWAIT", id)
                self.locked.append(False)
            except asyncpg.LockNotAvailableError:
                self.locked.append(True)


async def test_no_row_lock_is_held_while_temporal_is_called(
    pool: asyncpg.Pool, workflow_ids: list[str], temporal: Client, cleanup: None
) -> None:
    await queued(pool, start(workflow_ids), start(workflow_ids))
    probe = LockProbingClient(pool)
    assert await OutboxRelay(pool, probe, "unused").deliver_due() == (2, 2)  # type: ignore[arg-type]
    assert probe.locked == [False, False]


async def test_a_leased_row_is_left_to_its_relay_until_the_lease_runs_out(
    pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None
) -> None:
    [outbox_id] = await queued(pool, start(workflow_ids))
    await pool.execute("UPDATE outbox SET leased_until = now() + interval '1 minute' WHERE id = $1", outbox_id)
    relay = OutboxRelay(pool, temporal, f"outbox-{uuid.uuid4()}")
    assert await relay.deliver_due() == (0, 0)  # another relay (maybe crashed) holds it
    await pool.execute("UPDATE outbox SET leased_until = now() - interval '1 second' WHERE id = $1", outbox_id)
    assert await relay.deliver_due() == (1, 1)


async def test_a_signal_waits_for_its_workflows_start(
    pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None
) -> None:
    command = start(workflow_ids)
    [start_id, signal_id] = await queued(
        pool, command,
        SignalWorkflow(command.workflow_id, REGISTRATION_ENDED, RegistrationEnded("r", dt.date(2026, 11, 3), "no_contact"), "r"),
    )
    await pool.execute("UPDATE outbox SET next_attempt_at = now() + interval '1 hour' WHERE id = $1", start_id)
    relay = OutboxRelay(pool, temporal, f"outbox-{uuid.uuid4()}")
    assert await relay.deliver_due() == (0, 0)  # sent first it would find no workflow and be dropped
    await pool.execute("UPDATE outbox SET next_attempt_at = now() WHERE id = $1", start_id)
    assert await relay.deliver_due() == (1, 1)  # the start…
    assert await relay.deliver_due() == (1, 1)  # …then its signal, which finds the workflow
    assert await pool.fetchval("SELECT attempts FROM outbox WHERE id = $1", signal_id) == 1


async def test_the_commit_wakes_the_relay(pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None) -> None:
    """The poll timer is a minute; the NOTIFY sent with the commit wakes the relay at once."""
    relay = OutboxRelay(
        pool, temporal, f"outbox-{uuid.uuid4()}", dsn=RegistrationSettings().database_url,
        options=RelayOptions(poll_seconds=60),
    )
    running = asyncio.create_task(relay.run_forever())
    try:
        await asyncio.sleep(0)  # the first pass finds nothing and waits
        [outbox_id] = await queued(pool, start(workflow_ids))
        deadline = time.monotonic() + 10
        while not await pool.fetchval("SELECT sent_at IS NOT NULL FROM outbox WHERE id = $1", outbox_id):
            assert time.monotonic() < deadline, "the commit did not wake the relay"
            await asyncio.sleep(0.05)
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running


async def test_dispatch_after_a_commit_never_waits(pool: asyncpg.Pool, workflow_ids: list[str], cleanup: None) -> None:
    """The deadlock of issue 9: with the pool used up and Temporal away, a request's dispatch
    returns at once (it only wakes the relay)."""
    small = await create_pool(RegistrationSettings(pool_min_size=1, pool_max_size=1))
    try:
        unreachable = await Client.connect("127.0.0.1:1", lazy=True)
        relay = OutboxRelay(small, unreachable, "unused")
        async with small.acquire():
            started = time.monotonic()
            await asyncio.wait_for(relay.dispatch([1, 2, None]), timeout=1)
            assert time.monotonic() - started < 0.5
    finally:
        await small.close()


async def test_a_signal_for_a_finished_journey_is_dropped_not_retried_forever(
    pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None
) -> None:
    command = start(workflow_ids)
    handle = await temporal.start_workflow(
        WORKFLOW_TYPE, command.input, id=command.workflow_id, task_queue=f"outbox-{uuid.uuid4()}"
    )
    await handle.terminate("finished before the signal")
    placement = PlacementRecorded("p", dt.date(2026, 11, 9))
    [outbox_id] = await queued(pool, SignalWorkflow(command.workflow_id, PLACEMENT_RECORDED, placement, "p"))
    assert await OutboxRelay(pool, temporal, "unused").deliver_due() == (1, 1)
    assert await pool.fetchval("SELECT sent_at IS NOT NULL FROM outbox WHERE id = $1", outbox_id)


def test_backoff_is_bounded() -> None:
    options = RelayOptions()
    assert options.first_backoff * 2**20 > options.max_backoff == dt.timedelta(minutes=5)


async def test_a_request_waits_for_a_connection_a_bounded_time(migrated: None) -> None:
    """All pooled connections out: the next request gets 503 database_busy, it does not hang."""
    import httpx

    from services.registration.main import create_app
    from tests.factories import auth

    app = create_app(RegistrationSettings(outbox_relay=False, pool_min_size=1, pool_max_size=1,
                                          pool_acquire_timeout_seconds=0.5))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as client:
            async with app.state.pool.acquire():
                started = time.monotonic()
                busy = await client.get("/unemployment-registrations", headers=auth("case_manager"))
                ready = await client.get("/health/ready")
            assert (busy.status_code, busy.json()["code"], ready.status_code) == (503, "database_busy", 503)
            assert time.monotonic() - started < 5
            assert (await client.get("/unemployment-registrations", headers=auth("case_manager"))).status_code == 200


async def test_operations_see_the_lag_and_failures_as_a_metric(
    pool: asyncpg.Pool, temporal: Client, workflow_ids: list[str], cleanup: None
) -> None:
    from tests.conftest import METRICS

    [failing] = await queued(pool, start(workflow_ids, NoSuchAttribute="x"))
    await queued(pool, start(workflow_ids))
    relay = OutboxRelay(pool, temporal, f"outbox-{uuid.uuid4()}", service="metrics-test")
    await relay.deliver_due()
    await pool.execute("UPDATE outbox SET created_at = now() - interval '90 seconds' WHERE id = $1", failing)
    await relay._measure_backlog()

    points = {
        (m.name, tuple(sorted(p.attributes.items()))): p
        for rm in METRICS.get_metrics_data().resource_metrics
        for sm in rm.scope_metrics for m in sm.metrics for p in m.data.data_points
    }
    backlog = {dict(attrs)["measure"]: p.value for (name, attrs), p in points.items()
               if name == "uis.outbox.backlog" and dict(attrs).get("service") == "metrics-test"}
    assert backlog["unsent"] >= 1 and backlog["oldest_unsent_age_seconds"] >= 90  # the whole outbox table
    assert points[("uis.outbox.sent", (("command", "start_workflow"),))].value >= 1
    assert points[("uis.outbox.failed", (("command", "start_workflow"),))].value >= 1
