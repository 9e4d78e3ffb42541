"""Benefit-month arithmetic, deterministic so workflows may use it."""

from __future__ import annotations

import calendar
import datetime as dt

# China has one time zone and no daylight saving: a fixed offset is exact.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), name="Asia/Shanghai")


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 month → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def benefit_month_start(benefit_start: dt.date, month: int) -> dt.date:
    """First day of benefit month ``month`` (1-based), counted from the start date (R-START)."""
    return add_months(benefit_start, month - 1)


def start_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=CHINA_TZ)


def calendar_month(day: dt.date) -> str:
    """``2026-03-15`` → ``"2026-03"``: the key of a monthly job-search report (R-MON-1)."""
    return f"{day.year:04d}-{day.month:02d}"
