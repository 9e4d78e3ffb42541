"""Operations' view of a service's outbox: what has not reached Temporal yet, how late, and why.

The relay retries by itself; this is where operations see a backlog or a failure that keeps
coming back (a workflow that rejects a start, Temporal unreachable) before anyone complains.
"""

from __future__ import annotations

import datetime as dt

import asyncpg
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn


class OutboxItemRead(BaseModel):
    id: int
    command: str
    workflow_id: str
    attempts: int
    last_error: str | None
    created_at: dt.datetime
    # When the relay tries it again (its own backoff after a failure).
    next_attempt_at: dt.datetime


class OutboxStatusRead(BaseModel):
    unsent: int
    # Of those, the ones that failed at least once (Temporal refused or was unreachable).
    failing: int
    oldest_unsent_at: dt.datetime | None
    # The lag: how long the oldest undelivered message has waited.
    oldest_unsent_age_seconds: float
    items: list[OutboxItemRead]


router = APIRouter(prefix="/operations", tags=["operations"])


@router.get(
    "/outbox",
    response_model=OutboxStatusRead,
    summary="流程消息积压: workflow starts and signals not yet delivered to Temporal (oldest first)",
)
async def outbox_status(
    limit: int = Query(50, ge=1, le=500),
    principal: Principal = Depends(require_roles(Role.OPERATIONS, Role.AUDITOR)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> OutboxStatusRead:
    summary = await conn.fetchrow(
        "SELECT count(*) AS unsent, count(*) FILTER (WHERE attempts > 0) AS failing,"
        " min(created_at) AS oldest, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age"
        " FROM outbox WHERE sent_at IS NULL"
    )
    rows = await conn.fetch(
        "SELECT id, command, workflow_id, attempts, last_error, created_at, next_attempt_at FROM outbox"
        " WHERE sent_at IS NULL ORDER BY id LIMIT $1",
        limit,
    )
    return OutboxStatusRead(
        unsent=summary["unsent"],
        failing=summary["failing"],
        oldest_unsent_at=summary["oldest"],
        oldest_unsent_age_seconds=float(summary["age"]),
        items=[OutboxItemRead(**dict(r)) for r in rows],
    )
