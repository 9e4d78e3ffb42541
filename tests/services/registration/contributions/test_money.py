"""Money and dates of contributions: half-up to the fen, due dates, R-LATE-1 late fees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from services.registration.contributions.money import due_date, fen, late_fee, next_month, previous_month


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("0.005", "0.01"), ("24.685", "24.69"), ("12.3425", "12.34"), ("0.015", "0.02"), ("200", "200.00")],
)
def test_fen_rounds_half_up(amount: str, expected: str) -> None:
    # Banker's rounding would give 0.00 and 0.02 for the first and fourth: half-up is the rule.
    assert fen(Decimal(amount)) == Decimal(expected)


def test_months_wrap_around_the_year() -> None:
    assert next_month(dt.date(2025, 12, 1)) == dt.date(2026, 1, 1)
    assert previous_month(dt.date(2026, 1, 1)) == dt.date(2025, 12, 1)
    assert previous_month(dt.date(2026, 3, 1)) == dt.date(2026, 2, 1)


def test_due_date_is_the_due_day_of_the_following_month_clamped_to_its_length() -> None:
    assert due_date(dt.date(2025, 3, 1), 15) == dt.date(2025, 4, 15)
    assert due_date(dt.date(2025, 12, 1), 15) == dt.date(2026, 1, 15)
    assert due_date(dt.date(2025, 1, 1), 28) == dt.date(2025, 2, 28)


def test_late_fee_r_late_1_per_day_from_the_due_date() -> None:
    rate = Decimal("0.0005")
    due = dt.date(2025, 4, 15)
    # On the due date and before: nothing.
    assert late_fee(Decimal("300.00"), rate, due, due) == (0, Decimal("0.00"))
    assert late_fee(Decimal("300.00"), rate, due, dt.date(2025, 4, 1)) == (0, Decimal("0.00"))
    # 10 days late: 300.00 × 0.0005 × 10 = 1.50.
    assert late_fee(Decimal("300.00"), rate, due, dt.date(2025, 4, 25)) == (10, Decimal("1.50"))
    # 31 days: 333.33 × 0.0005 × 31 = 5.1666… → 5.17.
    assert late_fee(Decimal("333.33"), rate, due, dt.date(2025, 5, 16)) == (31, Decimal("5.17"))
