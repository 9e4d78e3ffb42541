"""How the console writes money, dates and countdowns: ¥1,234.56, China dates (R-TIME-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from shared.clock import CHINA_TZ, china_date


def money(value: Any) -> str:
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


def _instant(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and "T" in value:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return None


def china_day(value: Any) -> str:
    """A date as 2026年12月01日; an instant as its date in China."""
    if value is None or value == "":
        return "—"
    instant = _instant(value)
    if instant is not None:
        day = china_date(instant)
    elif isinstance(value, dt.date):
        day = value
    else:
        day = dt.date.fromisoformat(str(value))
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def china_time(value: Any) -> str:
    """An instant in China time: 2026年12月01日 09:30."""
    instant = _instant(value)
    if instant is None:
        return china_day(value)
    local = instant.astimezone(CHINA_TZ)
    return f"{china_day(local.date())} {local:%H:%M}"


def days_left(due: Any, today: dt.date) -> int | None:
    """Whole China days from ``today`` to the due date (negative: overdue)."""
    if due is None:
        return None
    instant = _instant(due)
    day = china_date(instant) if instant is not None else (due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due)))
    return (day - today).days


def countdown(due: Any, today: dt.date) -> str:
    left = days_left(due, today)
    if left is None:
        return "—"
    if left < 0:
        return f"已超期 {-left} 天"
    if left == 0:
        return "今天到期"
    return f"剩余 {left} 天"


FILTERS = {"money": money, "china_day": china_day, "china_time": china_time}
