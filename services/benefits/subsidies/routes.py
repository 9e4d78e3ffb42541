from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from services.benefits.subsidies import service
from services.benefits.subsidies.auth import SubsidyAwarder
from services.benefits.subsidies.schemas import SubsidyCreate, SubsidyRead
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(prefix="/claims/{claim_id}/subsidies", tags=["subsidies"])


@router.post(
    "",
    response_model=SubsidyRead,
    status_code=status.HTTP_201_CREATED,
    summary="职业培训 / 职业介绍 / 技能提升补贴 (R-SUB-1); 200 when the same event was already awarded",
)
async def award_subsidy(
    claim_id: uuid.UUID,
    body: SubsidyCreate,
    response: Response,
    now: Now,
    principal: SubsidyAwarder,
    conn: Conn,
    settings: Settings,
) -> SubsidyRead:
    """A refusal on the merits is answered as ever (409, its code) and is recorded with its
    written decision (R-NOTICE-1, GET /claims/{id}/decision-notices)."""
    written = await service.award(conn, principal, claim_id, body, now, letterhead_of(settings))
    created_or_repeated(response, written.created)
    return written.value


@router.get("", response_model=list[SubsidyRead])
async def list_subsidies(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[SubsidyRead]:
    return await service.list_awards(conn, principal, claim_id)
