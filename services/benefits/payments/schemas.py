from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PaymentKind(str, enum.Enum):
    # Further kinds (medical premium R-MED-1, grants, subsidies) come with their policy tables.
    BENEFIT = "benefit"  # 失业保险金 (R-PAY-1)


class PaymentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    benefit_month: int = Field(ge=1, le=24, description="1-based month of the entitlement")
    kind: PaymentKind = PaymentKind.BENEFIT


class PaymentRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    benefit_month: int
    kind: PaymentKind
    period_start: dt.date
    amount: Decimal
    status: str
    created_at: dt.datetime
