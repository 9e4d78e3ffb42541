from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from services.employment.placements import service
from services.employment.placements.auth import ContributionPlacementRecorder, PlacementReader, PlacementRecorder
from services.employment.placements.schemas import (
    ContributionPlacementCreate,
    PlacementCreate,
    PlacementRead,
)
from shared.deps import Conn, Now
from shared.errors import NotFound
from shared.http import created_or_repeated

router = APIRouter(tags=["placements"])


@router.post(
    "/job-seekers/{job_seeker_id}/placements",
    response_model=PlacementRead,
    status_code=status.HTTP_201_CREATED,
    summary="再就业登记: stops benefit from the start date; 200 with the same placement when repeated",
)
async def record_placement(
    job_seeker_id: uuid.UUID,
    body: PlacementCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: PlacementRecorder,
    conn: Conn,
) -> PlacementRead:
    result = await service.record_placement(
        conn, principal, job_seeker_id, body, request.app.state.outbox, now.today
    )
    created_or_repeated(response, result.created)
    return result.value


@router.get("/job-seekers/{job_seeker_id}/placement", response_model=PlacementRead)
async def get_placement(
    job_seeker_id: uuid.UUID,
    principal: PlacementReader,
    conn: Conn,
) -> PlacementRead:
    placement = await service.get_for_job_seeker(conn, principal, job_seeker_id)
    if placement is None:
        raise NotFound("placement_not_found", "该求职人员尚无再就业登记", "job_seeker_id")
    return placement


@router.post(
    "/placements/from-contribution-records",
    response_model=list[PlacementRead],
    status_code=status.HTTP_201_CREATED,
    summary="从缴费记录发现的再就业 (recorded with its source and evidence); 200 when repeated",
)
async def record_from_contribution_records(
    body: ContributionPlacementCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: ContributionPlacementRecorder,
    conn: Conn,
) -> list[PlacementRead]:
    placements, created = await service.record_from_contribution_records(
        conn, principal, body, request.app.state.outbox, now.today
    )
    created_or_repeated(response, created)
    return placements
