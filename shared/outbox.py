"""Transactional outbox: workflow starts and signals written in the same transaction as the
business rows, then delivered to Temporal in the background.

A request never waits on Temporal and never holds a second pool connection: it commits its rows
and its outbox row, whose ``NOTIFY`` wakes the relays when the transaction commits. The relay
(one per service process) then, with no lock held while it talks to Temporal:

1. claims the due rows with a short lease (one statement; ``SKIP LOCKED``, so replicas share);
2. sends them — rows for one workflow in order, workflows concurrently;
3. marks each sent, or gives it its own backoff (``next_attempt_at``), so no row waits behind
   failing ones; it counts what it actually sent.

A crash between commit and delivery loses nothing (the lease runs out and another pass takes the
row); sending twice is harmless: starts use the business workflow ID with USE_EXISTING, and the
journey ignores a repeated signal. Every service schema has its own ``outbox`` table.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from opentelemetry import metrics, propagate, trace
from temporalio.api.common.v1 import Payload
from temporalio.client import Client
from temporalio.common import (
    RawValue,
    SearchAttributeKey,
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
)
from temporalio.contrib.pydantic import pydantic_data_converter

from contracts.base import Signal, Workflow
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)
meter = metrics.get_meter(__name__)

START = "start_workflow"
SIGNAL = "signal_workflow"
CHANNEL = "uis_outbox"
SENT = meter.create_counter("uis.outbox.sent", description="Workflow starts and signals delivered to Temporal")
FAILED = meter.create_counter("uis.outbox.failed", description="Delivery attempts that failed (retried later)")


@dataclass(frozen=True)
class StartWorkflow:
    """A workflow of a contract (contracts/), with its input dataclass."""

    workflow: Workflow[Any]
    workflow_id: str
    input: Any
    keyword_search_attributes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.workflow.input is not None and not isinstance(self.input, self.workflow.input):
            raise TypeError(f"{self.workflow.type_name} takes {self.workflow.input.__name__}, not {type(self.input).__name__}")

    @property
    def dedupe_key(self) -> str:
        return f"start:{self.workflow_id}"


@dataclass(frozen=True)
class SignalWorkflow:
    """A signal of a contract, with its payload dataclass (the handler's parameter type)."""

    workflow_id: str
    signal: Signal[Any]
    payload: Any
    # What makes this signal unique (e.g. the placement's ID): enqueueing it twice sends once.
    event_key: str

    def __post_init__(self) -> None:
        if not isinstance(self.payload, self.signal.payload):
            raise TypeError(f"{self.signal.name} carries {self.signal.payload.__name__}, not {type(self.payload).__name__}")

    @property
    def dedupe_key(self) -> str:
        return f"signal:{self.workflow_id}:{self.signal.name}:{self.event_key}"


def encoded(value: Any) -> Any:
    """``value`` as Temporal's pydantic data converter encodes it (the JSON the workflow decodes)."""
    [payload] = pydantic_data_converter.payload_converter.to_payloads([value])
    return json.loads(payload.data)


async def enqueue(conn: asyncpg.Connection, command: StartWorkflow | SignalWorkflow) -> int | None:
    """Write the command in the caller's transaction; returns the row ID (None if a duplicate).
    The relays are notified when (and only if) the transaction commits."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    if isinstance(command, StartWorkflow):
        payload = {
            "workflow_type": command.workflow.type_name,
            "arg": encoded(command.input),
            "search_attributes": command.keyword_search_attributes,
        }
        kind = START
    else:
        payload = {"signal": command.signal.name, "arg": encoded(command.payload)}
        kind = SIGNAL
    row_id = await conn.fetchval(
        """
        INSERT INTO outbox (command, workflow_id, payload, trace_context, dedupe_key)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id
        """,
        kind,
        command.workflow_id,
        payload,
        carrier,
        command.dedupe_key,
    )
    if row_id is not None:
        await conn.execute("SELECT pg_notify($1, '')", CHANNEL)
    return row_id


@dataclass(frozen=True)
class RelayOptions:
    poll_seconds: float = 2.0
    batch_size: int = 100
    # How long a claimed row is ours; a crashed relay's rows are taken again after it.
    lease: dt.timedelta = dt.timedelta(seconds=60)
    # Per-row backoff after a failed attempt: 1 s, 2 s, 4 s … at most 5 minutes.
    first_backoff: dt.timedelta = dt.timedelta(seconds=1)
    max_backoff: dt.timedelta = dt.timedelta(minutes=5)
    concurrency: int = 16


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        client: Client,
        task_queue: str,
        *,
        service: str = "service",
        dsn: str | None = None,
        enabled: bool = True,
        options: RelayOptions | None = None,
    ) -> None:
        self._pool = pool
        self._client = client
        self._task_queue = task_queue
        self._service = service
        self._dsn = dsn
        self.enabled = enabled
        self._options = options or RelayOptions()
        self._wake = asyncio.Event()
        self._gate = asyncio.Semaphore(self._options.concurrency)
        # The backlog as last seen (for the gauges): unsent rows and the oldest one's age.
        self.backlog: tuple[int, float] = (0, 0.0)
        if enabled:
            _RELAYS.add(self)

    async def dispatch(self, ids: list[int | None]) -> None:
        """After a commit: wake this process's relay at once (never waits on anything)."""
        if any(i is not None for i in ids):
            self._wake.set()

    async def run_forever(self) -> None:
        """Deliver until cancelled: a pass whenever woken (NOTIFY on commit) or the poll timer fires."""
        listener = asyncio.create_task(self._listen_forever()) if self._dsn else None
        try:
            while True:
                try:
                    _, claimed = await self.deliver_due()
                    await self._measure_backlog()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # the database is away, …: the next pass tries again
                    log.warning("outbox relay pass failed: %s", type(exc).__name__)
                    claimed = 0
                # Anything claimed: look again at once (a signal may have waited for its start);
                # failed rows are not due again before their backoff, so this cannot spin.
                if claimed == 0:
                    await self._sleep()
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener

    async def deliver_due(self) -> tuple[int, int]:
        """One pass: (rows sent, rows claimed)."""
        rows = await self._claim()
        if not rows:
            return 0, 0
        by_workflow: dict[str, list[asyncpg.Record]] = defaultdict(list)
        for row in rows:
            by_workflow[row["workflow_id"]].append(row)
        results = await asyncio.gather(*(self._deliver_in_order(group) for group in by_workflow.values()))
        return sum(results), len(rows)

    async def _sleep(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self._options.poll_seconds)
        self._wake.clear()

    async def _listen_forever(self) -> None:
        """LISTEN on a connection of its own, so a commit anywhere (another replica too) wakes the
        relay at once; connected again after the database went away (the timer covers the gap)."""
        while True:
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(self._dsn, timeout=5)
                lost = asyncio.Event()
                conn.add_termination_listener(lambda _: lost.set())
                await conn.add_listener(CHANNEL, lambda *_: self._wake.set())
                self._wake.set()  # what was committed while we were away
                await lost.wait()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.info("outbox listener away: %s", type(exc).__name__)
            finally:
                if conn is not None and not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(conn.close(), timeout=2)
            await asyncio.sleep(self._options.poll_seconds)

    async def _measure_backlog(self) -> None:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(
                "SELECT count(*) AS unsent, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age"
                " FROM outbox WHERE sent_at IS NULL"
            )
        self.backlog = (row["unsent"], float(row["age"]))

    def observe(self) -> list[metrics.Observation]:
        unsent, age = self.backlog
        return [
            metrics.Observation(unsent, {"service": self._service, "measure": "unsent"}),
            metrics.Observation(age, {"service": self._service, "measure": "oldest_unsent_age_seconds"}),
        ]

    async def _claim(self) -> list[asyncpg.Record]:
        """Due rows, leased to this pass in one statement (its row locks end with it). A signal
        waits for its workflow's start when that start is still undelivered in this outbox."""
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                """
                WITH due AS (
                    SELECT o.id FROM outbox o
                    WHERE o.sent_at IS NULL AND o.next_attempt_at <= now()
                      AND (o.leased_until IS NULL OR o.leased_until < now())
                      AND (o.command = 'start_workflow' OR NOT EXISTS (
                          SELECT 1 FROM outbox s WHERE s.workflow_id = o.workflow_id
                            AND s.command = 'start_workflow' AND s.sent_at IS NULL AND s.id < o.id))
                    ORDER BY o.next_attempt_at, o.id
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE outbox o SET leased_until = now() + make_interval(secs => $2)
                FROM due WHERE o.id = due.id
                RETURNING o.id, o.command, o.workflow_id, o.payload, o.trace_context, o.attempts
                """,
                self._options.batch_size,
                self._options.lease.total_seconds(),
            )

    async def _deliver_in_order(self, rows: list[asyncpg.Record]) -> int:
        sent = 0
        async with self._gate:
            for row in sorted(rows, key=lambda r: r["id"]):
                error = await self._send(row)
                await self._settle(row, error)
                if error is not None:
                    break  # the rest of this workflow's rows wait for this one (their lease ends)
                sent += 1
        return sent

    async def _settle(self, row: asyncpg.Record, error: str | None) -> None:
        async with self._pool.acquire() as conn:
            if error is None:
                await conn.execute(
                    "UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL,"
                    " leased_until = NULL WHERE id = $1",
                    row["id"],
                )
                SENT.add(1, {"command": row["command"]})
                return
            backoff = min(self._options.first_backoff * (2 ** row["attempts"]), self._options.max_backoff)
            await conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = $2, leased_until = NULL,"
                " next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1",
                row["id"],
                error,
                backoff.total_seconds(),
            )
            FAILED.add(1, {"command": row["command"]})

    async def _send(self, row: asyncpg.Record) -> str | None:
        ctx = propagate.extract(row["trace_context"] or {})
        payload = row["payload"]
        with tracer.start_as_current_span(f"outbox {row['command']}", context=ctx):
            try:
                if row["command"] == START:
                    await self._start(row["workflow_id"], payload)
                else:
                    await self._client.get_workflow_handle(row["workflow_id"]).signal(
                        payload["signal"], as_sent(payload["arg"])
                    )
            except WorkflowAlreadyStartedError:
                return None
            except RPCError as exc:
                if exc.status == RPCStatusCode.NOT_FOUND and row["command"] == SIGNAL:
                    # The journey has already ended: nothing left to tell it. Kept as sent, with why.
                    log.info("signal to a closed workflow dropped (outbox id %s)", row["id"])
                    return None
                log.warning("outbox send failed (outbox id %s): %s", row["id"], exc.status)
                return f"{exc.status.name}: {exc.message}"[:500]
            except Exception as exc:  # connection refused, timeouts…
                log.warning("outbox send failed (outbox id %s): %s", row["id"], type(exc).__name__)
                return type(exc).__name__
        return None

    async def _start(self, workflow_id: str, payload: dict[str, Any]) -> None:
        pairs = [
            SearchAttributePair(SearchAttributeKey.for_keyword(name), value)
            for name, value in payload.get("search_attributes", {}).items()
        ]
        await self._client.start_workflow(
            payload["workflow_type"],
            as_sent(payload["arg"]),
            id=workflow_id,
            task_queue=self._task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            search_attributes=TypedSearchAttributes(pairs),
        )


def as_sent(arg: Any) -> RawValue:
    """The stored JSON, sent as it was encoded (never converted again on the way)."""
    return RawValue(Payload(metadata={"encoding": b"json/plain"}, data=json.dumps(arg, ensure_ascii=False).encode()))


# Operations watch the lag: one gauge over every relay of the process (the outbox's rows not yet
# delivered, and how old the oldest is), beside GET /operations/outbox.
_RELAYS: weakref.WeakSet[OutboxRelay] = weakref.WeakSet()
meter.create_observable_gauge(
    "uis.outbox.backlog",
    callbacks=[lambda _options: [o for relay in list(_RELAYS) for o in relay.observe()]],
    description="Undelivered workflow messages (measure=unsent) and the oldest one's age in seconds",
)
