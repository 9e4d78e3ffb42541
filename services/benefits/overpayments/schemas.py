from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.inputs import Money, Text


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
    # R-FRAUD-1: a case manager's finding of fraud, and the fine (2–5× the amount).
    fraud: bool = False
    fraud_fine_amount: Decimal | None = None


class RecoveryStatus(str, enum.Enum):
    """R-FRAUD-1: the system proposes; a case manager decides; finance records the money back."""

    PROPOSED = "proposed"  # awaiting a case manager's decision
    TO_RECOVER = "to_recover"
    WAIVED = "waived"
    RECOVERED = "recovered"


class OverpaymentWorklistRead(OverpaymentRead):
    """One overpayment across claims (the console's worklist), with its claim's district and
    stop. ``created_at`` is when the stop settlement found it; ``rule`` how it was computed."""

    district: str
    registration_id: uuid.UUID
    # The claim's stop (R-STOP-1) that made the months after it overpaid.
    stop_reason: str | None
    stop_effective_date: dt.date | None


class OverpaymentOutcome(str, enum.Enum):
    RECOVER = "recover"
    WAIVE = "waive"


class OverpaymentDecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: OverpaymentOutcome
    note: Text = Field(min_length=1, max_length=500)
    # R-FRAUD-1 (社会保险法第八十八条): obtained by fraud → recovered and fined 2–5× the amount.
    fraud_fine_amount: Money | None = Field(default=None, gt=0)

    @field_validator("fraud_fine_amount")
    @classmethod
    def _fine_only_when_recovered(cls, value: Decimal | None, info: ValidationInfo) -> Decimal | None:
        if value is not None and info.data.get("outcome") is not OverpaymentOutcome.RECOVER:
            raise ValueError("fraud_requires_recovery: 骗取待遇的须追回, 不能减免")
        return value


class RecoveryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    recovery_ref: Text = Field(min_length=1, max_length=100, description="退回款的银行流水号或收据号")
