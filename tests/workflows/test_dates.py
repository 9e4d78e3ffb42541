import datetime as dt

from contracts.calendar import add_months, benefit_month_start
from shared.clock import start_of_china_day as start_of_day


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_benefit_month_one_starts_on_the_registration_date() -> None:
    # R-START: benefit counts from the unemployment-registration date.
    assert benefit_month_start(dt.date(2026, 3, 10), 1) == dt.date(2026, 3, 10)
    assert benefit_month_start(dt.date(2026, 3, 10), 13) == dt.date(2027, 3, 10)


def test_days_start_at_midnight_china_time() -> None:
    assert start_of_day(dt.date(2026, 1, 1)).isoformat() == "2026-01-01T00:00:00+08:00"
