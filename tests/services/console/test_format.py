"""Money as ¥1,234.56 and dates in China time (R-TIME-1), whatever the hour in UTC."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from services.console.format import china_day, china_time, countdown, money


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("1234.5"), "¥1,234.50"), ("1700.00", "¥1,700.00"), (0, "¥0.00"), ("-12.345", "-¥12.34"),
    (None, "—"), ("1234567.891", "¥1,234,567.89"),
])
def test_money_is_yuan_with_thousands_and_two_decimals(value: object, shown: str) -> None:
    assert money(value) == shown


def test_an_instant_late_in_the_utc_day_is_already_tomorrow_in_china() -> None:
    instant = "2026-12-01T17:30:00+00:00"  # 01:30 on 2 December in China
    assert china_day(instant) == "2026年12月02日"
    assert china_time(instant) == "2026年12月02日 01:30"
    assert china_day("2026-12-01") == "2026年12月01日"  # a date stays the date it is


def test_countdown_counts_china_days_and_marks_overdue() -> None:
    today = dt.date(2026, 12, 2)
    assert countdown("2026-12-12T15:59:59+00:00", today) == "剩余 10 天"  # 23:59 on the 12th in China
    assert countdown("2026-12-02", today) == "今天到期"
    assert countdown("2026-11-29", today) == "已超期 3 天"
    assert countdown(None, today) == "—"
