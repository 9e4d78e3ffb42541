from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.benefits.auth import ClaimReader
from services.benefits.claims.service import get_visible
from services.benefits.notices import repository
from services.benefits.notices.auth import NoticeRunner
from services.benefits.notices.schemas import (
    NoticeRead,
    PreExpiryRunCreate,
    PreExpiryRunRead,
)
from shared.deps import Conn, Now

router = APIRouter(tags=["notices"])


@router.post(
    "/notices/pre-expiry-runs",
    response_model=PreExpiryRunRead,
    summary="到期前告知 (R-STOP-2): a notice for each claim one month before its last benefit month; once per claim",
)
async def run_pre_expiry_notices(
    body: PreExpiryRunCreate,
    now: Now,
    principal: NoticeRunner,
    conn: Conn,
) -> PreExpiryRunRead:
    as_of = body.as_of or now.today
    async with conn.transaction():
        created = await repository.create_pre_expiry(conn, as_of, principal.subject)
    return PreExpiryRunRead(as_of=as_of, created=created)


@router.get("/claims/{claim_id}/notices", response_model=list[NoticeRead])
async def list_notices(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[NoticeRead]:
    await get_visible(conn, principal, claim_id)
    return [NoticeRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]
