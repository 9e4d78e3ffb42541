from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel


class LedgerEntryRead(BaseModel):
    id: int
    entry_date: dt.date
    city: str
    kind: str
    # positive: outflow; negative: a reversal of the named entry, or money recovered into the fund
    amount: Decimal
    legal_basis: str
    claim_id: uuid.UUID | None
    payment_id: uuid.UUID | None
    payroll_run_id: int | None
    reverses_entry_id: int | None
    created_by: str
    created_at: dt.datetime


class FundReportLine(BaseModel):
    city: str
    kind: str
    outflow: Decimal
    reversed: Decimal
    net: Decimal
    entries: int


class FundReportRead(BaseModel):
    """The monthly fund report by kind and city (R-FUND-1)."""

    month: str
    lines: list[FundReportLine]
    total_net: Decimal


class BalanceLine(BaseModel):
    city: str
    kind: str
    net: Decimal
