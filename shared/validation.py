"""Checks of input against the clock, run by the services (pydantic validators cannot read the
request's clock). They raise the same ``{code, message, field}`` 422 as a schema validator."""

from __future__ import annotations

import datetime as dt

from shared.errors import InvalidInput


def not_after(
    value: dt.date | None, latest: dt.date, *, code: str, message: str, field: str
) -> None:
    """Refuse ``value`` later than ``latest`` (usually China's today, R-TIME-1: a date equal to
    today is never "in the future")."""
    if value is not None and value > latest:
        raise InvalidInput(code, message, field)
