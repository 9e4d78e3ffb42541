from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import City, Month

class PayrollRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    period: Month = Field(description="发放期间 YYYY-MM: instructions due before its end")
    city: City = Field(description="地市代码, e.g. 430100")


class PayrollRunRead(BaseModel):
    id: int
    period: str
    city: str
    item_count: int
    control_total: Decimal
    # R-HOLD-1: instructions due in the run but held from its bank file (and from the ledger).
    held_count: int = 0
    held_amount: Decimal = Decimal("0.00")
    created_by: str
    created_at: dt.datetime
    # R-CTRL-1: released to the bank (by a second person where the province checks it); the bank
    # file is served only for a released run.
    released_by: str | None = None
    released_at: dt.datetime | None = None
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
