from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.deaths import service
from services.benefits.deaths.auth import DeathRecorder
from services.benefits.deaths.schemas import DeathReportCreate, DeathReportRead
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(prefix="/claims/{claim_id}/death", tags=["death"])


@router.post(
    "",
    response_model=DeathReportRead,
    status_code=status.HTTP_201_CREATED,
    summary="领取期间死亡 (R-DEATH-1): grants to a named family member, the month's benefit, the funeral-grant choice",
)
async def record_death(
    claim_id: uuid.UUID,
    body: DeathReportCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: DeathRecorder,
    conn: Conn,
    settings: Settings,
) -> DeathReportRead:
    written = await service.record_death(
        conn, principal, claim_id, body, request.app.state.outbox, now, letterhead_of(settings)
    )
    created_or_repeated(response, written.created)
    return written.value


@router.get("", response_model=DeathReportRead)
async def get_death(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> DeathReportRead:
    return await service.get_death(conn, principal, claim_id)
