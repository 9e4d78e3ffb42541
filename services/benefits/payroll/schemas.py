from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PayrollRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    period: str = Field(pattern=PERIOD_RE.pattern, description="发放期间 YYYY-MM: instructions due before its end")
    city: str = Field(pattern=r"^[1-8]\d{3}00$", description="地市代码, e.g. 430100")


class PayrollRunRead(BaseModel):
    id: int
    period: str
    city: str
    item_count: int
    control_total: Decimal
    created_by: str
    created_at: dt.datetime
    # R-MED-1: premiums transferred to the medical-insurance fund by this run (not in the bank file).
    medical_premium_count: int = 0
    medical_premium_total: Decimal = Decimal("0.00")
    # Payable instructions left out because no bank account is on file (not an error: next run).
    left_out_without_account: int | None = None


class BankReturnResult(BaseModel):
    run_id: int
    lines: int
    paid: int
    rejected: int
    unchanged: int


class ReissueRead(BaseModel):
    payment_id: uuid.UUID
    status: str
