"""Checks of input against the clock, run by the services (pydantic validators cannot read the
request's clock). They raise the same ``{code, message, field}`` 422 as a schema validator.

The schemas' own date types (``shared.inputs.Date`` …) keep every date in a range that fits its
meaning; these give the near bound where "today" matters: not after today, or at most a few days
ahead (an event recorded in advance, RECORDED_AHEAD_DAYS), or not before another date."""

from __future__ import annotations

import datetime as dt

from shared.errors import InvalidInput

# An event known in advance (a hire, the stop it causes, a transfer) may be recorded up to one
# benefit month ahead of China's today (R-STOP-1, R-SPELL-1).
RECORDED_AHEAD_DAYS = 31


def not_after(
    value: dt.date | None, latest: dt.date, *, code: str, message: str, field: str
) -> None:
    """Refuse ``value`` later than ``latest`` (usually China's today, R-TIME-1: a date equal to
    today is never "in the future")."""
    if value is not None and value > latest:
        raise InvalidInput(code, message, field)


def not_before(
    value: dt.date | None, earliest: dt.date, *, code: str, message: str, field: str
) -> None:
    """Refuse ``value`` earlier than ``earliest``."""
    if value is not None and value < earliest:
        raise InvalidInput(code, message, field)


def at_most_ahead(value: dt.date | None, today: dt.date, *, field: str, days: int = RECORDED_AHEAD_DAYS) -> None:
    """Refuse a date more than ``days`` after China's ``today`` (R-TIME-1)."""
    not_after(
        value, today + dt.timedelta(days=days), code="date_too_far_ahead",
        message=f"日期不能晚于今天起{days}天", field=field,
    )
