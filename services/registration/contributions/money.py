"""Money and date arithmetic of contributions: pure functions, no I/O. Month sums are
``contracts.calendar``'s (one copy); a contribution month is its first day."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from contracts.calendar import YearMonth

FEN = Decimal("0.01")


def fen(amount: Decimal) -> Decimal:
    """Round half-up to the fen (分)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def next_month(month: dt.date) -> dt.date:
    return YearMonth.of(month).plus(1).first_day


def previous_month(month: dt.date) -> dt.date:
    return YearMonth.of(month).plus(-1).first_day


def due_date(contribution_month: dt.date, due_day: int) -> dt.date:
    """A month's contributions fall due on ``due_day`` of the following month (a parameter),
    or on its last day when it is shorter."""
    following = YearMonth.of(contribution_month).plus(1)
    return following.first_day.replace(day=min(due_day, following.last_day.day))


def late_fee(amount: Decimal, daily_rate: Decimal, due: dt.date, paid_on: dt.date) -> tuple[int, Decimal]:
    """R-LATE-1: 万分之五 (the rate is a parameter) per day from the due date to the payment date.

    Paid on or before the due date: no fee. Paid ``n`` days after it: ``amount × rate × n``.
    """
    days = max((paid_on - due).days, 0)
    return days, fen(amount * daily_rate * days)
