from __future__ import annotations

from fastapi import APIRouter, Query

from services.registration.audit import service
from services.registration.audit.auth import AuditDiscloser, AuditReader
from services.registration.audit.schemas import AuditEntryRead, DisclosureCreate
from shared.deps import Conn
from shared.inputs import OFFSET_MAX, Instant, Text

router = APIRouter(prefix="/audit-log", tags=["audit"])


@router.get(
    "",
    response_model=list[AuditEntryRead],
    summary="稽核: every change with actor, role, time, before/after and reason (newest first)",
    description="Personal data in the snapshots (ID numbers, names, bank accounts, phone numbers) "
    "is masked for every reader; an auditor who needs one entity's values in full asks "
    "`POST /audit-log/disclosures` with a reason.",
)
async def list_audit_entries(
    principal: AuditReader,
    conn: Conn,
    entity_type: Text | None = Query(None, examples=["employer"]),
    entity_id: Text | None = Query(None, description="the entity's internal ID"),
    actor: Text | None = Query(None, description="who made the change (token subject)"),
    since: Instant | None = Query(None, description="from this moment (inclusive)"),
    until: Instant | None = Query(None, description="before this moment"),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[AuditEntryRead]:
    return await service.list_entries(
        conn, principal, entity_type=entity_type, entity_id=entity_id, actor=actor, since=since,
        until=until, limit=limit, offset=offset,
    )


@router.post(
    "/disclosures",
    response_model=list[AuditEntryRead],
    summary="稽核调阅: one entity's entries with personal data in full, for an auditor's stated "
    "reason; the disclosure is recorded in the trail (personal_data_disclosed)",
)
async def disclose_entries(
    body: DisclosureCreate,
    principal: AuditDiscloser,
    conn: Conn,
) -> list[AuditEntryRead]:
    return await service.disclose(conn, principal, body)
