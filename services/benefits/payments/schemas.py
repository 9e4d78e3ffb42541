from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import StrictInt


class PaymentKind(str, enum.Enum):
    BENEFIT = "benefit"  # 失业保险金 (R-PAY-1)
    MEDICAL_PREMIUM = "medical_premium"  # 基本医疗保险费 (R-MED-1)
    FUNERAL_GRANT = "funeral_grant"  # 丧葬补助金 (R-DEATH-1)
    SURVIVOR_GRANT = "survivor_grant"  # 抚恤金 (R-DEATH-1)
    TRAINING_SUBSIDY = "training_subsidy"  # 职业培训补贴 (R-SUB-1)
    REFERRAL_SUBSIDY = "referral_subsidy"  # 职业介绍补贴 (R-SUB-1)
    SKILL_UPGRADE_SUBSIDY = "skill_upgrade_subsidy"  # 技能提升补贴 (R-SUB-1)
    ARREARS = "arrears"  # 补发: a correction's underpayment, once (R-CORR-1)


# R-FUND-1: every outflow names its legal basis.
LEGAL_BASIS = {
    PaymentKind.BENEFIT: "社会保险法第四十七条 失业保险金 (R-PAY-1)",
    PaymentKind.MEDICAL_PREMIUM: "社会保险法第四十八条 失业期间基本医疗保险费 (R-MED-1)",
    PaymentKind.FUNERAL_GRANT: "社会保险法第四十九条 丧葬补助金 (R-DEATH-1)",
    PaymentKind.SURVIVOR_GRANT: "社会保险法第四十九条 抚恤金 (R-DEATH-1)",
    PaymentKind.TRAINING_SUBSIDY: "失业保险条例第十条 职业培训补贴 (R-SUB-1)",
    PaymentKind.REFERRAL_SUBSIDY: "失业保险条例第十条 职业介绍补贴 (R-SUB-1)",
    PaymentKind.SKILL_UPGRADE_SUBSIDY: "技能提升补贴 (R-SUB-1)",
    PaymentKind.ARREARS: "社会保险法第四十七条 失业保险金 自行纠错补发 (R-CORR-1)",
}


class MonthlyKind(str, enum.Enum):
    """Kinds the journey records month by month; grants and subsidies have their own endpoints."""

    BENEFIT = "benefit"
    MEDICAL_PREMIUM = "medical_premium"


class PaymentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    benefit_month: StrictInt = Field(ge=1, le=24, description="1-based month of the entitlement")
    kind: MonthlyKind = MonthlyKind.BENEFIT


class PaymentRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    benefit_month: int
    kind: PaymentKind
    period_start: dt.date
    amount: Decimal
    status: str
    legal_basis: str
    created_at: dt.datetime
    cancelled_reason: str | None = None
    # R-STOP-1: the amount as issued, when a stop cut the instruction to the share kept, and why.
    original_amount: Decimal | None = None
    adjusted_reason: str | None = None


class WithheldMonthRead(BaseModel):
    """A benefit month that has begun and is not paid, on a claim still on benefit (R-MON-1).

    The journey pays month 1 on approval and each later month on its first day once the
    job-search report for the calendar month in which the previous benefit month began is in;
    that report missing is the only reason it holds a due month back. So a month listed here is
    withheld for that report (or, for a moment after midnight, not yet paid by the journey)."""

    claim_id: uuid.UUID
    registration_id: uuid.UUID
    district: str
    benefit_month: int
    period_start: dt.date
    reason: Literal["job_search_report_missing"] = "job_search_report_missing"
    rule: Literal["R-MON-1"] = "R-MON-1"
    # The calendar month ("YYYY-MM") whose 求职情况报告 the payment waits for.
    missing_report_month: str
    # Withheld since the month fell due: its first day.
    since: dt.date
