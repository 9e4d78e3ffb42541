from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from services.benefits.subsidies import service
from services.benefits.subsidies.auth import SubsidyAwarder
from services.benefits.subsidies.schemas import SubsidyCreate, SubsidyRead, SubsidyRefusalRead
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, District

router = APIRouter(prefix="/claims/{claim_id}/subsidies", tags=["subsidies"])
refusals_router = APIRouter(prefix="/subsidy-refusals", tags=["subsidies"])


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


@refusals_router.get(
    "",
    response_model=list[SubsidyRefusalRead],
    summary="不予发放补贴清单 (R-SUB-1, R-NOTICE-1): refusals on the merits across claims, newest first, each "
    "with its written decision; a service point sees its own district's",
)
async def list_subsidy_refusals(
    principal: ClaimReader,
    conn: Conn,
    district: District | None = Query(None, description="行政区划代码; a service point always gets its own"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[SubsidyRefusalRead]:
    return await service.list_refusals(conn, principal, district=district, limit=limit, offset=offset)
