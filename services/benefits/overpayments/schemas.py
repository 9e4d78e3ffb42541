from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class OverpaymentRead(BaseModel):
    """Money paid for days after a stop: a recovery record (R-STOP-1, R-FRAUD-1)."""

    id: uuid.UUID
    claim_id: uuid.UUID
    payment_id: uuid.UUID
    benefit_month: int
    kind: str
    amount: Decimal
    overpaid_days: int
    period_days: int
    rule: str
    # proposed → (case manager) to_recover | waived → (finance) recovered (R-FRAUD-1)
    recovery_status: str
    created_by: str
    created_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None
    recovered_by: str | None
    recovered_at: dt.datetime | None
    recovery_ref: str | None


class OverpaymentOutcome(str, enum.Enum):
    RECOVER = "recover"
    WAIVE = "waive"


class OverpaymentDecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: OverpaymentOutcome
    note: str = Field(min_length=1, max_length=500)


class RecoveryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    recovery_ref: str = Field(min_length=1, max_length=100, description="退回款的银行流水号或收据号")
