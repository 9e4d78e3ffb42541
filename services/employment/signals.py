"""Events to the claimant's journey, through the service's transactional outbox.

Each event is keyed by its own ID (event_key): the outbox's unique dedupe key makes a second
enqueue of the same event a no-op, and the journey ignores a repeated signal — exactly once in
effect even when a request is retried or the relay sends twice.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

import asyncpg

from contracts.base import Signal
from shared.outbox import SignalWorkflow, enqueue

T = TypeVar("T")
from contracts.journey import claimant_journey_id


async def signal_journey(
    conn: asyncpg.Connection,
    registration_id: uuid.UUID,
    signal: Signal[T],
    payload: T,
    event_id: uuid.UUID,
) -> int | None:
    """Enqueue in the caller's transaction; dispatch the returned outbox ID after commit."""
    return await enqueue(
        conn,
        SignalWorkflow(
            workflow_id=claimant_journey_id(registration_id),
            signal=signal,
            payload=payload,
            event_key=str(event_id),
        ),
    )
