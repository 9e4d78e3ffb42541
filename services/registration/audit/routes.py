from __future__ import annotations

import datetime as dt

import asyncpg
from fastapi import APIRouter, Depends, Query

from services.registration.audit import service
from services.registration.audit.schemas import AuditEntryRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn

router = APIRouter(prefix="/audit-log", tags=["audit"])


@router.get(
    "",
    response_model=list[AuditEntryRead],
    summary="稽核: every change with actor, role, time, before/after and reason (newest first)",
    description="Personal data in the snapshots is masked for operations; auditors and case "
    "managers see it in full.",
)
async def list_audit_entries(
    entity_type: str | None = Query(None, examples=["employer"]),
    entity_id: str | None = Query(None, description="the entity's internal ID"),
    actor: str | None = Query(None, description="who made the change (token subject)"),
    since: dt.datetime | None = Query(None, description="from this moment (inclusive)"),
    until: dt.datetime | None = Query(None, description="before this moment"),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0),
    principal: Principal = Depends(require_roles(Role.AUDITOR, Role.OPERATIONS, Role.CASE_MANAGER)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[AuditEntryRead]:
    return await service.list_entries(
        conn, principal, entity_type=entity_type, entity_id=entity_id, actor=actor, since=since,
        until=until, limit=limit, offset=offset,
    )
