from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel


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
    recovery_status: str
    created_by: str
    created_at: dt.datetime
