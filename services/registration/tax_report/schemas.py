from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import Month


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
