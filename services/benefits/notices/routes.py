from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends

from services.benefits.claims.routes import readers
from services.benefits.claims.service import get_visible
from services.benefits.notices import repository
from services.benefits.notices.schemas import (
    NoticeRead,
    PreExpiryRunCreate,
    PreExpiryRunRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now

router = APIRouter(tags=["notices"])


@router.post(
    "/notices/pre-expiry-runs",
    response_model=PreExpiryRunRead,
    summary="到期前告知 (R-STOP-2): a notice for each claim one month before its last benefit month; once per claim",
)
async def run_pre_expiry_notices(
    body: PreExpiryRunCreate,
    now: Now,
    principal: Principal = Depends(require_roles(Role.OPERATIONS, Role.SYSTEM)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> PreExpiryRunRead:
    as_of = body.as_of or now.today
    async with conn.transaction():
        created = await repository.create_pre_expiry(conn, as_of, principal.subject)
    return PreExpiryRunRead(as_of=as_of, created=created)


@router.get("/claims/{claim_id}/notices", response_model=list[NoticeRead])
async def list_notices(
    claim_id: uuid.UUID,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[NoticeRead]:
    await get_visible(conn, principal, claim_id)
    return [NoticeRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]
