"""Operations' view of a service's outbox: what has not reached Temporal yet, how late, and why.

The relay retries by itself; this is where operations see a backlog or a failure that keeps
coming back (a workflow that rejects a start, Temporal unreachable) before anyone complains.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from shared import outbox_repository
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.deps import Conn

# Operations watch the backlog; auditors may see it.
OutboxReader = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.AUDITOR))]


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
    principal: OutboxReader,
    conn: Conn,
    limit: int = Query(50, ge=1, le=500),
) -> OutboxStatusRead:
    summary = await outbox_repository.unsent_summary(conn)
    rows = await outbox_repository.unsent(conn, limit)
    return OutboxStatusRead(
        unsent=summary["unsent"],
        failing=summary["failing"],
        oldest_unsent_at=summary["oldest"],
        oldest_unsent_age_seconds=float(summary["age"]),
        items=[OutboxItemRead(**dict(r)) for r in rows],
    )
