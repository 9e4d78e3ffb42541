"""Benefit-month arithmetic, deterministic so workflows may use it. The time zone and calendar
months come from the one clock module (R-TIME-1)."""

from __future__ import annotations

import datetime as dt

from shared.clock import CHINA_TZ, china_date, start_of_china_day
from shared.months import add_months, calendar_month

__all__ = ["CHINA_TZ", "add_months", "benefit_month_start", "calendar_month", "china_date", "start_of_day"]


def benefit_month_start(benefit_start: dt.date, month: int) -> dt.date:
    """First day of benefit month ``month`` (1-based), counted from the start date (R-START)."""
    return add_months(benefit_start, month - 1)


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 China time on ``day``: when a benefit month or a date deadline begins."""
    return start_of_china_day(day)
