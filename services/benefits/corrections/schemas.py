"""A correction of the agency's own decision (R-CORR-1): what is asked, and what it did."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.inputs import Date, Money, StrictInt, Text


class CorrectionCreate(BaseModel):
    """The corrected terms (each optional; at least one) and why (required)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Text = Field(min_length=1, max_length=500, description="纠错理由 (原决定错在何处)")
    monthly_amount: Money | None = Field(default=None, gt=0, description="更正后的每月失业保险金 (R-AMT-1/2)")
    entitlement_months: StrictInt | None = Field(default=None, ge=1, le=24, description="更正后的享受待遇月数 (R-DUR-1)")
    benefit_start_date: Date | None = Field(default=None, description="更正后的待遇起始日期 (R-START)")

    @model_validator(mode="after")
    def _some_term(self) -> CorrectionCreate:
        if self.monthly_amount is None and self.entitlement_months is None and self.benefit_start_date is None:
            raise ValueError("correction_terms_required: 请至少填写一项更正内容 (每月金额、享受月数或起始日期)")
        return self

    def terms(self) -> dict[str, Any]:
        """The corrected terms as values (Decimal, int, date), None where a term stays."""
        return self.model_dump(exclude={"reason"})


class CorrectedTerms(BaseModel):
    """An appeal's "changed" outcome (R-APPEAL-1): the terms the body's decision sets."""

    model_config = ConfigDict(extra="forbid")

    monthly_amount: Money | None = Field(default=None, gt=0)
    entitlement_months: StrictInt | None = Field(default=None, ge=1, le=24)
    benefit_start_date: Date | None = None

    @model_validator(mode="after")
    def _some_term(self) -> CorrectedTerms:
        if self.monthly_amount is None and self.entitlement_months is None and self.benefit_start_date is None:
            raise ValueError("correction_terms_required: 请至少填写一项变更内容 (每月金额、享受月数或起始日期)")
        return self


class CorrectionMonthRead(BaseModel):
    """One issued month recomputed: what it carried, what it should have, the difference."""

    benefit_month: int
    kind: str  # benefit | medical_premium (R-MED-1)
    payment_id: uuid.UUID
    period_start: dt.date
    paid: Decimal
    due: Decimal
    difference: Decimal


class CorrectionRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    district: str
    reason: str
    source: str  # agency (自行纠错) | appeal (R-APPEAL-1 "changed")
    source_ref: str | None
    # R-CTRL-1: the second person's check (shared/four_eyes.py): prepared | approved | rejected | withdrawn.
    approval_id: uuid.UUID | None
    approval_status: str | None
    monthly_amount: Decimal | None
    entitlement_months: int | None
    benefit_start_date: dt.date | None
    prepared_by: str
    prepared_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    # Once carried out: the original decision's terms, and what the recomputation found.
    applied_at: dt.datetime | None
    original_monthly_amount: Decimal | None
    original_entitlement_months: int | None
    original_benefit_start_date: dt.date | None
    underpaid_amount: Decimal | None
    overpaid_amount: Decimal | None
    arrears_payment_id: uuid.UUID | None = None
    # R-MED-1: the underpaid premium transferred once to the medical-insurance fund.
    premium_arrears_payment_id: uuid.UUID | None = None
    months: list[CorrectionMonthRead] = []
