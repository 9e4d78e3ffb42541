from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from services.employment.job_search_reports import service
from services.employment.job_search_reports.auth import ReportReader, ReportRecorder
from services.employment.job_search_reports.schemas import (
    MissingReport,
    ReportCreate,
    ReportRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import Month

router = APIRouter(prefix="/job-seekers/{job_seeker_id}/job-search-reports", tags=["job-search reports"])


@router.post(
    "",
    response_model=ReportRead,
    status_code=status.HTTP_201_CREATED,
    summary="求职情况报告 (R-MON-1) for a month in China time; 200 with the same report when repeated",
)
async def report(
    job_seeker_id: uuid.UUID,
    body: ReportCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: ReportRecorder,
    conn: Conn,
) -> ReportRead:
    result, created = await service.report(conn, principal, job_seeker_id, body, now, request.app.state.outbox)
    created_or_repeated(response, created)
    return result


@router.get("", response_model=list[ReportRead], summary="which months were reported, and when")
async def list_reports(
    job_seeker_id: uuid.UUID,
    principal: ReportReader,
    conn: Conn,
) -> list[ReportRead]:
    return await service.for_job_seeker(conn, principal, job_seeker_id)


missing_router = APIRouter(tags=["job-search reports"])


@missing_router.get(
    "/job-search-reports/missing",
    response_model=list[MissingReport],
    summary="未报告名单: people on benefit with no report for the month (R-MON-1)",
)
async def missing(
    now: Now,
    month: Annotated[Month, Query(description="YYYY-MM")],
    principal: ReportReader,
    conn: Conn,
    limit: int = Query(200, ge=1, le=1000),
) -> list[MissingReport]:
    return await service.missing(conn, principal, month, now, limit)
