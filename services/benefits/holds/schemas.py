from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import Text


class HoldReason(str, enum.Enum):
    """R-HOLD-1's four reasons, as stored in payment_holds.reasons."""

    ACCOUNT_CHANGED = "account_changed"
    FIRST_PAYMENT_TO_ACCOUNT = "first_payment_to_account"
    AMOUNT_DIFFERS = "amount_differs"
    OPEN_AUDIT_REVIEW = "open_audit_review"


class HoldStatus(str, enum.Enum):
    HELD = "held"
    RELEASED = "released"
    CANCELLED = "cancelled"


class HoldDecision(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Text = Field(min_length=1, max_length=500, description="放行或取消的理由")


class PaymentHoldRead(BaseModel):
    id: int
    claim_id: uuid.UUID
    payment_id: uuid.UUID
    district: str
    benefit_month: int
    kind: str
    amount: Decimal
    reasons: list[HoldReason]
    held_at: dt.datetime
    held_in_run: int
    status: HoldStatus
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    decision_reason: str | None = None
    # The instruction's own status: payable while held or released, cancelled after a cancel.
    payment_status: str
