from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query, Request

from services.registration.journey import service
from services.registration.journey.schemas import JourneyRead, JourneySummaryRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.inputs import District
from contracts.journey import Stage

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
    principal: Principal = Depends(
        require_roles(Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.SERVICE_POINT)
    ),
    conn: asyncpg.Connection = Depends(get_conn),
) -> JourneyRead:
    return await service.get_journey(conn, request.app.state.temporal, principal, registration_id)


@worklist_router.get(
    "",
    response_model=list[JourneySummaryRead],
    summary="一条龙服务工作清单: journeys by stage, district and overdue review (Temporal visibility)",
)
async def list_journeys(
    request: Request,
    stage: Stage | None = None,
    district: District | None = Query(None),
    review_overdue: bool | None = None,
    limit: int = Query(100, ge=1, le=500),
    principal: Principal = Depends(
        require_roles(Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.SERVICE_POINT)
    ),
) -> list[JourneySummaryRead]:
    return await service.list_journeys(
        request.app.state.temporal,
        principal,
        stage=stage,
        district=district,
        review_overdue=review_overdue,
        limit=limit,
    )
