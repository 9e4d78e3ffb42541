from __future__ import annotations

import datetime as dt
import re
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(value: str) -> dt.date:
    """``"2026-10"`` → 1 Oct 2026, or ``ValueError("code: message")``."""
    match = _MONTH_RE.match(value)
    if not match:
        raise ValueError("invalid_month: 月份格式应为 YYYY-MM")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


class TaxReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"month": "2026-10"}]})

    month: str = Field(description="the report month, YYYY-MM (a finished month)")

    @field_validator("month")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value


class TaxReportRead(BaseModel):
    id: uuid.UUID
    month: str
    row_count: int
    generated_by: str
    generated_at: dt.datetime
    csv: str | None = Field(default=None, description="the CSV (UTF-8 with BOM) when asked for one report")
