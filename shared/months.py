"""Calendar-month arithmetic on China dates: pure functions, no I/O, safe in workflow code."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 month → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def calendar_month(day: dt.date) -> str:
    """``2026-03-15`` → ``"2026-03"``: the key of a monthly report (R-MON-1) or statement."""
    return f"{day.year:04d}-{day.month:02d}"
