"""The calendar types the contracts use, and the one copy of month arithmetic: pure, deterministic
(safe in workflow code), on China dates (R-TIME-1).

``YearMonth`` is a calendar month ("2026-03"): a contribution month (R-DECL-1), a job-search
report's month (R-MON-1), a payroll period, a statistics month. Month sums go through
``dateutil.relativedelta``, which clamps to the month's end (31 January + 1 month → 28/29 February).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only, matched whole


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (or earlier), clamped to the month's end."""
    return day + relativedelta(months=months)


def benefit_month_start(benefit_start: dt.date, month: int) -> dt.date:
    """First day of benefit month ``month`` (1-based), counted from the start date (R-START)."""
    return add_months(benefit_start, month - 1)


def calendar_month(day: dt.date) -> str:
    """``2026-03-15`` → ``"2026-03"``: the key of a monthly report (R-MON-1) or a statement."""
    return str(YearMonth.of(day))


@dataclass(frozen=True, order=True)
class YearMonth:
    year: int
    month: int

    def __post_init__(self) -> None:
        # Any real month: workflow code must never refuse one. What an API accepts is narrower
        # (shared/inputs.py: contribution months from 1990, event months 1950–2099).
        if not (1 <= self.year <= 9999 and 1 <= self.month <= 12):
            raise ValueError(f"not a month: {self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """``"2026-03"`` → ``YearMonth(2026, 3)``; ValueError for anything else."""
        match = _YEAR_MONTH.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"not a YYYY-MM month: {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> YearMonth:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.first_day + relativedelta(months=1, days=-1)

    def plus(self, months: int) -> YearMonth:
        return YearMonth.of(self.first_day + relativedelta(months=months))

    def months_until(self, other: YearMonth) -> int:
        """How many months from this one to ``other`` (negative when earlier)."""
        return (other.year - self.year) * 12 + other.month - self.month

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        """In pydantic models and Temporal's pydantic converter: the text "YYYY-MM"."""
        return core_schema.no_info_plain_validator_function(
            _validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "examples": ["2026-03"]}


def _validate(value: Any) -> YearMonth:
    if isinstance(value, YearMonth):
        return value
    if isinstance(value, dt.date):
        return YearMonth.of(value)
    return YearMonth.parse(value)
