from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from services.registration.tax_report import service
from services.registration.tax_report.auth import TaxReportProducer, TaxReportReader
from services.registration.tax_report.schemas import TaxReportCreate, TaxReportRead
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, Month

router = APIRouter(prefix="/tax-reports", tags=["tax authority report"])

_MONTH = Annotated[Month, Path(examples=["2026-10"])]


@router.get(
    "/{month}.csv",
    response_class=Response,
    summary="On demand: the month's registrations, changes and deregistrations as CSV (current data)",
    responses={200: {"content": {"text/csv": {"example": "业务类别,统一社会信用代码,单位名称,…\r\n"}}}},
)
async def download_csv(
    month: _MONTH,
    _: TaxReportReader,
    conn: Conn,
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
    principal: TaxReportProducer,
    conn: Conn,
) -> TaxReportRead:
    report, created = await service.produce(conn, principal, body.month, today=now.today)
    created_or_repeated(response, created)
    return report


@router.get("", response_model=list[TaxReportRead], summary="Reports kept, newest month first")
async def list_reports(
    _: TaxReportReader,
    conn: Conn,
    limit: int = Query(24, ge=1, le=120),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[TaxReportRead]:
    return await service.list_stored(conn, limit, offset)


@router.get("/{month}", response_model=TaxReportRead, summary="A kept report with its CSV")
async def get_report(
    month: _MONTH,
    _: TaxReportReader,
    conn: Conn,
) -> TaxReportRead:
    return await service.get_stored(conn, month)
