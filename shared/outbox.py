"""Transactional outbox: workflow starts and signals written in the same transaction as the
business rows, then relayed to Temporal.

A registration committed while Temporal is unreachable, or a process that crashes between commit
and the Temporal call, must not lose its journey: the relay retries unsent rows until they go out.
Sending twice is harmless: starts use the business workflow ID (the second start finds the first)
and the journey ignores a repeated signal.

Every service schema has its own ``outbox`` table (see each service's first migration).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from opentelemetry import propagate, trace
from temporalio.client import Client
from temporalio.common import (
    SearchAttributeKey,
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

START = "start_workflow"
SIGNAL = "signal_workflow"


@dataclass(frozen=True)
class StartWorkflow:
    workflow_id: str
    workflow_type: str
    arg: dict[str, Any]
    keyword_search_attributes: dict[str, str] = field(default_factory=dict)

    @property
    def dedupe_key(self) -> str:
        return f"start:{self.workflow_id}"


@dataclass(frozen=True)
class SignalWorkflow:
    workflow_id: str
    signal: str
    arg: dict[str, Any]
    # What makes this signal unique (e.g. the placement's ID): enqueueing it twice sends once.
    event_key: str

    @property
    def dedupe_key(self) -> str:
        return f"signal:{self.workflow_id}:{self.signal}:{self.event_key}"


async def enqueue(conn: asyncpg.Connection, command: StartWorkflow | SignalWorkflow) -> int | None:
    """Write the command in the caller's transaction; returns the row ID (None if a duplicate)."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    if isinstance(command, StartWorkflow):
        payload = {
            "workflow_type": command.workflow_type,
            "arg": command.arg,
            "search_attributes": command.keyword_search_attributes,
        }
        kind = START
    else:
        payload = {"signal": command.signal, "arg": command.arg}
        kind = SIGNAL
    return await conn.fetchval(
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


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        client: Client,
        task_queue: str,
        *,
        enabled: bool = True,
        poll_seconds: float = 2.0,
        batch_size: int = 50,
    ) -> None:
        self._pool = pool
        self._client = client
        self._task_queue = task_queue
        self.enabled = enabled
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size

    async def dispatch(self, ids: list[int | None]) -> None:
        """Best-effort immediate send after commit; failures stay queued for the relay loop."""
        wanted = [i for i in ids if i is not None]
        if not self.enabled or not wanted:
            return
        try:
            await self._send_batch(wanted)
        except Exception:  # the loop will pick it up
            log.warning("outbox dispatch deferred", exc_info=True)

    async def run_forever(self) -> None:
        while True:
            try:
                sent = await self._send_batch(None)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("outbox relay pass failed", exc_info=True)
                sent = 0
            if sent < self._batch_size:
                await asyncio.sleep(self._poll_seconds)

    async def _send_batch(self, ids: list[int] | None) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            # SKIP LOCKED: the relay loops of several replicas never send the same row at once.
            rows = await conn.fetch(
                """
                SELECT id, command, workflow_id, payload, trace_context
                FROM outbox
                WHERE sent_at IS NULL AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
                ORDER BY id
                LIMIT $2
                FOR UPDATE SKIP LOCKED
                """,
                ids,
                self._batch_size,
            )
            for row in rows:
                error = await self._send(row)
                if error is None:
                    await conn.execute(
                        "UPDATE outbox SET sent_at = now(), attempts = attempts + 1,"
                        " last_error = NULL WHERE id = $1",
                        row["id"],
                    )
                else:
                    await conn.execute(
                        "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
                        row["id"],
                        error,
                    )
            return len(rows)

    async def _send(self, row: asyncpg.Record) -> str | None:
        ctx = propagate.extract(row["trace_context"] or {})
        payload = row["payload"]
        with tracer.start_as_current_span(f"outbox {row['command']}", context=ctx):
            try:
                if row["command"] == START:
                    await self._start(row["workflow_id"], payload)
                else:
                    await self._client.get_workflow_handle(row["workflow_id"]).signal(
                        payload["signal"], payload["arg"]
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
            payload["arg"],
            id=workflow_id,
            task_queue=self._task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            search_attributes=TypedSearchAttributes(pairs),
        )
