from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request

from contracts.journey import Stage
from services.registration.journey import service
from services.registration.journey.auth import JourneyReader
from services.registration.journey.schemas import JourneyCountRead, JourneyRead, JourneySummaryRead
from shared.deps import Conn
from shared.inputs import District

router = APIRouter(prefix="/unemployment-registrations", tags=["claimant journey"])
worklist_router = APIRouter(prefix="/journeys", tags=["claimant journey"])


@router.get(
    "/{registration_id}/journey",
    response_model=JourneyRead,
    summary="一条龙服务进度: the journey's current stage and its history of steps",
)
async def get_journey(
    registration_id: uuid.UUID,
    request: Request,
    principal: JourneyReader,
    conn: Conn,
) -> JourneyRead:
    return await service.get_journey(conn, request.app.state.temporal, principal, registration_id)


@worklist_router.get(
    "",
    response_model=list[JourneySummaryRead],
    summary="一条龙服务工作清单: journeys by stage, district and overdue review (Temporal visibility)",
)
async def list_journeys(
    request: Request,
    principal: JourneyReader,
    stage: Stage | None = None,
    district: District | None = Query(None),
    review_overdue: bool | None = None,
    limit: int = Query(100, ge=1, le=500),
) -> list[JourneySummaryRead]:
    return await service.list_journeys(
        request.app.state.temporal,
        principal,
        stage=stage,
        district=district,
        review_overdue=review_overdue,
        limit=limit,
    )


@worklist_router.get(
    "/counts",
    response_model=list[JourneyCountRead],
    summary="在办一条龙流程统计: running journeys counted by stage × district (Temporal visibility; "
    "no personal data); a service point counts its own district only",
)
async def count_journeys(
    request: Request,
    principal: JourneyReader,
    district: District | None = Query(None),
) -> list[JourneyCountRead]:
    return await service.count_open_journeys(request.app.state.temporal, principal, district=district)
