from __future__ import annotations

from typing import Annotated

import asyncpg
from fastapi import APIRouter, Depends, Path, Query, Response, status

from services.registration.tax_report import service
from services.registration.tax_report.schemas import TaxReportCreate, TaxReportRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, Month

router = APIRouter(prefix="/tax-reports", tags=["tax authority report"])

_readers = require_roles(Role.OPERATIONS, Role.AUDITOR, Role.CASE_MANAGER, Role.SYSTEM)
_MONTH = Annotated[Month, Path(examples=["2026-10"])]


@router.get(
    "/{month}.csv",
    response_class=Response,
    summary="On demand: the month's registrations, changes and deregistrations as CSV (current data)",
    responses={200: {"content": {"text/csv": {"example": "业务类别,统一社会信用代码,单位名称,…\r\n"}}}},
)
async def download_csv(
    month: _MONTH,
    _: Principal = Depends(_readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> Response:
    content, _count = await service.build_csv(conn, month)
    return Response(
        content=content.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="tax-report-{month}.csv"'},
    )


@router.post(
    "",
    response_model=TaxReportRead,
    status_code=status.HTTP_201_CREATED,
    summary="Produce and keep a finished month's report (the monthly Schedule calls this); 200 if kept",
)
async def produce_report(
    body: TaxReportCreate,
    response: Response,
    now: Now,
    principal: Principal = Depends(require_roles(Role.SYSTEM, Role.OPERATIONS)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> TaxReportRead:
    report, created = await service.produce(conn, principal, body.month, today=now.today)
    created_or_repeated(response, created)
    return report


@router.get("", response_model=list[TaxReportRead], summary="Reports kept, newest month first")
async def list_reports(
    limit: int = Query(24, ge=1, le=120),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
    _: Principal = Depends(_readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[TaxReportRead]:
    return await service.list_stored(conn, limit, offset)


@router.get("/{month}", response_model=TaxReportRead, summary="A kept report with its CSV")
async def get_report(
    month: _MONTH,
    _: Principal = Depends(_readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> TaxReportRead:
    return await service.get_stored(conn, month)
