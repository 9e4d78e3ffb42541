"""统计: re-employment figures by month and by year (employment service), subsidy spending (the
benefits service's fund report), as charts with their tables, and each table as a CSV download
(UTF-8 with a BOM, formula cells neutralised). Query strings hold months and district codes only."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from contracts.calendar import YearMonth
from services.console.api import ServiceApi
from services.console.deps import Api, Now, render, roles
from services.console.statistics.figures import (
    Subsidies,
    load_monthly,
    load_subsidies,
    load_yearly,
    month_range,
)
from shared.auth.principal import Role
from shared.csvfile import spreadsheet_csv

router = APIRouter(tags=["统计"])
StatisticsReader = roles(Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.FINANCE)
MonthParam = Annotated[str, Query(max_length=7)]
DistrictParam = Annotated[str, Query(max_length=6)]
# The default view: the last six China months, this one included (R-TIME-1).
DEFAULT_MONTHS = 6


def _defaults(today: YearMonth, from_month: str, to_month: str, year: int | None) -> tuple[str, str, int]:
    to_month = to_month or str(today)
    from_month = from_month or str(today.plus(1 - DEFAULT_MONTHS))
    if year is None:
        try:
            year = YearMonth.parse(to_month).year
        except ValueError:
            year = today.year
    return from_month, to_month, year


async def _subsidies(api: ServiceApi, from_month: str, to_month: str, district: str | None) -> Subsidies:
    try:
        months = month_range(from_month, to_month)
    except ValueError as exc:
        return Subsidies(error=str(exc))
    return await load_subsidies(api, months, district)


@router.get("/statistics", response_class=HTMLResponse)
async def statistics_page(
    request: Request, session: StatisticsReader, api: Api, now: Now,
    from_month: MonthParam = "", to_month: MonthParam = "", district: DistrictParam = "",
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> HTMLResponse:
    from_month, to_month, year = _defaults(YearMonth.of(now.today), from_month, to_month, year)
    area = district.strip() or None
    monthly, yearly, subsidies = await asyncio.gather(
        load_monthly(api, from_month, to_month, area), load_yearly(api, year, area),
        _subsidies(api, from_month, to_month, area),
    )
    return render(request, "statistics/page.html", {
        "nav": "statistics", "monthly": monthly, "yearly": yearly, "subsidies": subsidies,
        "from_month": from_month, "to_month": to_month, "district": district.strip(), "year": year,
    }, session=session)


@router.get("/statistics.csv")
async def statistics_csv(
    session: StatisticsReader, api: Api, now: Now,
    table: Literal["monthly", "yearly", "subsidies"] = "monthly",
    from_month: MonthParam = "", to_month: MonthParam = "", district: DistrictParam = "",
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    from_month, to_month, year = _defaults(YearMonth.of(now.today), from_month, to_month, year)
    area = district.strip() or None
    if table == "subsidies":
        return await _subsidies_csv(api, from_month, to_month, area)
    # The employment service's own CSV (Chinese headers, BOM, formula cells neutralised), as it is.
    if table == "monthly":
        answer = await api.call("employment", "GET", "/statistics/reemployment", params={
            "from_month": from_month, "to_month": to_month, "district": area, "format": "csv"})
    else:
        answer = await api.call("employment", "GET", "/statistics/reemployment/yearly", params={
            "year": year, "district": area, "format": "csv"})
    return Response(answer.content, media_type=answer.headers.get("content-type", "text/csv; charset=utf-8"),
                    headers={"Content-Disposition": answer.headers.get(
                        "content-disposition", f'attachment; filename="reemployment_{table}.csv"')})


async def _subsidies_csv(api: ServiceApi, from_month: str, to_month: str, district: str | None) -> Response:
    subsidies = await _subsidies(api, from_month, to_month, district)
    if subsidies.error is not None:
        return Response(subsidies.error, status_code=422, media_type="text/plain; charset=utf-8")
    header = ["月份", *(name for _, name in subsidies.kinds), "合计"]
    rows = [[m, *(subsidies.amounts[m][k] for k, _ in subsidies.kinds), subsidies.total(m)] for m in subsidies.months]
    text = spreadsheet_csv(header, rows, bom=True)
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="subsidies_{from_month}_{to_month}.csv"'})
