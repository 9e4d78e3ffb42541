from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Request, Response, status

from services.employment.placements import service
from services.employment.placements.schemas import PlacementCreate, PlacementRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn

router = APIRouter(prefix="/job-seekers/{job_seeker_id}/placements", tags=["placements"])


@router.post(
    "",
    response_model=PlacementRead,
    status_code=status.HTTP_201_CREATED,
    summary="再就业登记: stops benefit from the start date; 200 with the same placement when repeated",
)
async def record_placement(
    job_seeker_id: uuid.UUID,
    body: PlacementCreate,
    request: Request,
    response: Response,
    principal: Principal = Depends(require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> PlacementRead:
    result = await service.record_placement(
        conn, principal, job_seeker_id, body, request.app.state.outbox
    )
    if not result.created:
        response.status_code = status.HTTP_200_OK
    return result.placement
