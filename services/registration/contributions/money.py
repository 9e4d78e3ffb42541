"""Money and date arithmetic of contributions: pure functions, no I/O."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def fen(amount: Decimal) -> Decimal:
    """Round half-up to the fen (分)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: dt.date) -> dt.date:
    return dt.date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def due_date(contribution_month: dt.date, due_day: int) -> dt.date:
    """A month's contributions fall due on ``due_day`` of the following month (a parameter)."""
    following = next_month(contribution_month)
    last_day = calendar.monthrange(following.year, following.month)[1]
    return following.replace(day=min(due_day, last_day))


def late_fee(amount: Decimal, daily_rate: Decimal, due: dt.date, paid_on: dt.date) -> tuple[int, Decimal]:
    """R-LATE-1: 万分之五 (the rate is a parameter) per day from the due date to the payment date.

    Paid on or before the due date: no fee. Paid ``n`` days after it: ``amount × rate × n``.
    """
    days = max((paid_on - due).days, 0)
    return days, fen(amount * daily_rate * days)
