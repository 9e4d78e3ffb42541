from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query, Response, status

from services.employment.job_seekers import service
from services.employment.job_seekers.schemas import JobSeekerCreate, JobSeekerRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn

router = APIRouter(prefix="/job-seekers", tags=["job seekers"])

readers = require_roles(
    Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.SYSTEM
)


@router.post(
    "",
    response_model=JobSeekerRead,
    status_code=status.HTTP_201_CREATED,
    summary="求职登记; 200 with the existing record when repeated",
)
async def register_job_seeker(
    body: JobSeekerCreate,
    response: Response,
    principal: Principal = Depends(require_roles(Role.SYSTEM, Role.SERVICE_POINT)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> JobSeekerRead:
    result = await service.register(conn, principal, body)
    if not result.created:
        response.status_code = status.HTTP_200_OK
    return result.job_seeker


@router.get("", response_model=list[JobSeekerRead])
async def list_job_seekers(
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[JobSeekerRead]:
    return await service.list_job_seekers(conn, principal, limit, offset)


@router.get("/{job_seeker_id}", response_model=JobSeekerRead)
async def get_job_seeker(
    job_seeker_id: uuid.UUID,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> JobSeekerRead:
    return JobSeekerRead(**dict(await service.get_visible(conn, principal, job_seeker_id)))
