from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.ids import validate_district
from shared.inputs import Date, Text


class TransferOutCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    effective_date: Date
    destination_area: Text = Field(description="转入地行政区划代码 (6 digits)")
    evidence_ref: Text = Field(min_length=1, max_length=100, description="转移联系函编号")

    @field_validator("destination_area")
    @classmethod
    def _area(cls, value: str) -> str:
        return validate_district(value)


class TransferOutRead(BaseModel):
    claim_id: uuid.UUID
    effective_date: dt.date
    destination_area: str
    inter_province: bool
    remaining_months: int
    monthly_amount: Decimal
    remaining_benefit: Decimal
    medical_premium: Decimal
    subsidy_share: Decimal
    total: Decimal
    ledger_entry_id: int | None
    evidence_ref: str
    decided_by: str
    decided_at: dt.datetime
