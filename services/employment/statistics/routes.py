from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from services.employment.statistics import service
from services.employment.statistics.auth import StatisticsReader
from services.employment.statistics.schemas import ReemploymentFigures
from shared.deps import Conn
from shared.inputs import District, Month

router = APIRouter(prefix="/statistics", tags=["statistics"])


@router.get(
    "/reemployment",
    response_model=list[ReemploymentFigures],
    summary="再就业统计 by district and month (JSON, or CSV with Chinese headers: format=csv)",
)
async def reemployment(
    from_month: Annotated[Month, Query()],
    to_month: Annotated[Month, Query()],
    principal: StatisticsReader,
    conn: Conn,
    district: District | None = Query(None),
    output: Literal["json", "csv"] = Query("json", alias="format"),
) -> list[ReemploymentFigures] | Response:
    figures = await service.monthly(conn, principal, from_month, to_month, district)
    if output == "csv":
        return _csv(figures, f"reemployment_{from_month}_{to_month}.csv")
    return figures


@router.get(
    "/reemployment/yearly",
    response_model=list[ReemploymentFigures],
    summary="年度再就业统计 by district, each person counted once in the year (JSON or CSV)",
)
async def reemployment_yearly(
    principal: StatisticsReader,
    conn: Conn,
    year: int = Query(ge=2000, le=2100),
    district: District | None = Query(None),
    output: Literal["json", "csv"] = Query("json", alias="format"),
) -> list[ReemploymentFigures] | Response:
    figures = await service.yearly(conn, principal, year, district)
    if output == "csv":
        return _csv(figures, f"reemployment_{year}.csv")
    return figures


def _csv(figures: list[ReemploymentFigures], filename: str) -> Response:
    # A byte-order mark so spreadsheet programs read the Chinese headers as UTF-8.
    return Response(
        content="\ufeff" + service.to_csv(figures),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
