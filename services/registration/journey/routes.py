from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Request

from services.registration.journey import service
from services.registration.journey.schemas import JourneyRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn

router = APIRouter(prefix="/unemployment-registrations", tags=["claimant journey"])


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
