from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import Month
from shared.inputs import parse_month as _parse_month


def parse_month(value: str) -> dt.date:
    """``"2026-10"`` → 1 Oct 2026, or ``ValueError("invalid_month: …")`` (1950-01 … 2099-12)."""
    return _parse_month(value, code="invalid_month")


class TaxReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"month": "2026-10"}]})

    month: Month = Field(description="the report month, YYYY-MM (a finished month)")


class TaxReportRead(BaseModel):
    id: uuid.UUID
    month: str
    row_count: int
    generated_by: str
    generated_at: dt.datetime
    csv: str | None = Field(default=None, description="the CSV (UTF-8 with BOM) when asked for one report")
