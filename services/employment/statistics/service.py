"""Re-employment statistics for operations and the agency's yearly figures (the seed quotes the
re-employment rate of people who drew benefit, and the number helped by training and referral)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import asyncpg

from contracts.calendar import YearMonth
from services.employment.statistics import repository
from services.employment.statistics.schemas import CSV_HEADERS, ReemploymentFigures
from shared.auth import Principal, Role
from shared.csvfile import spreadsheet_csv
from shared.errors import InvalidInput
from shared.inputs import parse_month

MAX_MONTHS = 36


def _month(month: str, field: str) -> YearMonth:
    try:
        return YearMonth.of(parse_month(month))
    except ValueError as exc:
        code, _, message = str(exc).partition(": ")
        raise InvalidInput(code, message, field) from None


def rate(reemployed: int, drew_benefit: int) -> Decimal | None:
    if drew_benefit == 0:
        return None
    return (Decimal(reemployed) * 100 / Decimal(drew_benefit)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


async def monthly(
    conn: asyncpg.Connection, principal: Principal, from_month: str, to_month: str, district: str | None
) -> list[ReemploymentFigures]:
    first, last = _month(from_month, "from_month"), _month(to_month, "to_month")
    if last < first:
        raise InvalidInput("month_range_inverted", "结束月份不能早于开始月份", "to_month")
    if first.months_until(last) >= MAX_MONTHS:
        raise InvalidInput("month_range_too_long", f"统计区间不能超过{MAX_MONTHS}个月", "to_month")
    months = [first.plus(k) for k in range(first.months_until(last) + 1)]
    periods = [(m.first_day, m.last_day) for m in months]
    return await _figures(conn, principal, periods, district, "%Y-%m")


async def yearly(conn: asyncpg.Connection, principal: Principal, year: int, district: str | None) -> list[ReemploymentFigures]:
    """The agency's yearly figures: each person counted once in the year (not a sum of months)."""
    return await _figures(conn, principal, [(dt.date(year, 1, 1), dt.date(year, 12, 31))], district, "%Y")


async def _figures(
    conn: asyncpg.Connection,
    principal: Principal,
    periods: list[tuple[dt.date, dt.date]],
    district: str | None,
    label: str,
) -> list[ReemploymentFigures]:
    if principal.role is Role.SERVICE_POINT:
        district = principal.district  # a service point sees its own district's figures only
    rows = await repository.figures_by_district(conn, periods, district)
    return [
        ReemploymentFigures(
            district=r["district"],
            period=r["period_start"].strftime(label),
            drew_benefit=r["drew_benefit"],
            reemployed=r["reemployed"],
            reemployment_rate=rate(r["reemployed"], r["drew_benefit"]),
            placements=r["placements"],
            placed_through_referral=r["placed_through_referral"],
            trained=r["trained"],
        )
        for r in rows
    ]


def to_csv(figures: list[ReemploymentFigures]) -> str:
    rows = ([f.model_dump()[k] for k in CSV_HEADERS] for f in figures)
    return spreadsheet_csv(CSV_HEADERS.values(), rows, bom=False)
