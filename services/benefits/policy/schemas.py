from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.inputs import Money, StrictInt, Text
from shared.policies import EffectiveDatedCreate, EffectiveDatedRead


class ParameterName(str, enum.Enum):
    MINIMUM_WAGE = "minimum_wage"  # R-AMT-1
    DIBAO = "dibao"  # R-AMT-2 低保 floor
    BENEFIT_RATIO_OF_MINIMUM_WAGE = "benefit_ratio_of_minimum_wage"  # R-AMT-2
    MEDICAL_PREMIUM_MONTHLY = "medical_premium_monthly"  # R-MED-1
    FUNERAL_GRANT = "funeral_grant"  # R-DEATH-1
    SURVIVOR_GRANT = "survivor_grant"  # R-DEATH-1
    TRAINING_SUBSIDY_CAP = "training_subsidy_cap"  # R-SUB-1
    REFERRAL_SUBSIDY_CAP = "referral_subsidy_cap"  # R-SUB-1
    SKILL_UPGRADE_CAP_LEVEL_5 = "skill_upgrade_cap_level_5"  # R-SUB-1
    SKILL_UPGRADE_CAP_LEVEL_4 = "skill_upgrade_cap_level_4"
    SKILL_UPGRADE_CAP_LEVEL_3 = "skill_upgrade_cap_level_3"
    MIN_CONTRIBUTION_MONTHS = "min_contribution_months"  # R-ELIG-1
    CLAIM_WINDOW_DAYS = "claim_window_days"  # R-APP-1
    LATE_CLAIM_OPTION = "late_claim_option"  # R-APP-2
    REFUSAL_THRESHOLD = "refusal_threshold"  # R-STOP-1
    MISSED_REPORT_TERMINATION_MONTHS = "missed_report_termination_months"  # R-MON-1
    STOP_MONTH_PRO_RATA = "stop_month_pro_rata"  # R-STOP-1
    TRANSFER_SUBSIDY_RATIO = "transfer_subsidy_ratio"  # R-XFER-1
    PAYMENT_HOLD_TOLERANCE = "payment_hold_tolerance"  # R-HOLD-1 (yuan)


AMOUNT_PARAMETERS = {
    ParameterName.MINIMUM_WAGE, ParameterName.DIBAO, ParameterName.MEDICAL_PREMIUM_MONTHLY,
    ParameterName.FUNERAL_GRANT, ParameterName.SURVIVOR_GRANT, ParameterName.TRAINING_SUBSIDY_CAP,
    ParameterName.REFERRAL_SUBSIDY_CAP, ParameterName.SKILL_UPGRADE_CAP_LEVEL_5,
    ParameterName.SKILL_UPGRADE_CAP_LEVEL_4, ParameterName.SKILL_UPGRADE_CAP_LEVEL_3,
    ParameterName.PAYMENT_HOLD_TOLERANCE,
}
RATIO_PARAMETERS = {ParameterName.BENEFIT_RATIO_OF_MINIMUM_WAGE, ParameterName.TRANSFER_SUBSIDY_RATIO}
COUNT_PARAMETERS = {
    ParameterName.MIN_CONTRIBUTION_MONTHS, ParameterName.CLAIM_WINDOW_DAYS,
    ParameterName.REFUSAL_THRESHOLD, ParameterName.MISSED_REPORT_TERMINATION_MONTHS,
}
OPTIONS = {
    ParameterName.LATE_CLAIM_OPTION: {"reject", "start_month_after_claim"},
    ParameterName.STOP_MONTH_PRO_RATA: {"by_day", "whole_month_kept"},
}


class PolicyParameterCreate(EffectiveDatedCreate):
    name: ParameterName
    amount: Money | None = Field(default=None, gt=0)
    ratio: Decimal | None = Field(default=None, gt=0, lt=1, max_digits=6, decimal_places=4)
    count: StrictInt | None = Field(default=None, ge=0, le=3650)
    option: Text | None = Field(default=None, max_length=40)

    def value_field(self) -> str:
        """Which of amount / ratio / count / option this parameter's value goes in."""
        if self.name in AMOUNT_PARAMETERS:
            return "amount"
        if self.name in RATIO_PARAMETERS:
            return "ratio"
        if self.name in COUNT_PARAMETERS:
            return "count"
        return "option"


class PolicyParameterRead(EffectiveDatedRead):
    name: ParameterName
    amount: Decimal | None
    ratio: Decimal | None
    count: int | None
    option: str | None
    created_by: str
    created_at: dt.datetime
    first_used_at: dt.datetime | None


class DurationBand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_contribution_years: StrictInt = Field(ge=1, le=50)
    months: StrictInt = Field(ge=1, le=24)

    @model_validator(mode="after")
    def _within_national_caps(self) -> DurationBand:
        # R-DUR-1: 1–<5 years ≤ 12, 5–<10 ≤ 18, ≥ 10 ≤ 24; provinces may grant fewer (R-DUR-5).
        cap = 24 if self.min_contribution_years >= 10 else 18 if self.min_contribution_years >= 5 else 12
        if self.months > cap:
            raise ValueError(f"duration_above_national_cap: 缴费满{self.min_contribution_years}年最多{cap}个月 (R-DUR-1)")
        return self


class DurationTableCreate(EffectiveDatedCreate):
    """One version of the duration table (R-DUR-1/5): all its bands at once."""

    bands: list[DurationBand] = Field(min_length=1, max_length=50)

    @field_validator("bands")
    @classmethod
    def _ordered(cls, bands: list[DurationBand]) -> list[DurationBand]:
        years = [b.min_contribution_years for b in bands]
        if len(set(years)) != len(years):
            raise ValueError("duplicate_band: 同一缴费年限不能出现两次")
        ordered = sorted(bands, key=lambda b: b.min_contribution_years)
        if ordered[0].min_contribution_years != 1:
            raise ValueError("duration_table_must_start_at_one_year: 期限表须从缴费满1年开始 (R-ELIG-1)")
        if any(a.months > b.months for a, b in zip(ordered, ordered[1:])):
            raise ValueError("duration_not_increasing: 缴费年限越长, 期限不能越短")
        return ordered


class DurationRowRead(EffectiveDatedRead):
    min_contribution_years: int
    months: int
    created_by: str
    created_at: dt.datetime
    first_used_at: dt.datetime | None


class BenefitAmountCreate(EffectiveDatedCreate):
    monthly_amount: Money = Field(gt=0)


class BenefitAmountRead(EffectiveDatedRead):
    monthly_amount: Decimal
    created_by: str
    created_at: dt.datetime
    first_used_at: dt.datetime | None


class PolicyInForceRead(BaseModel):
    """Everything in force for a district on a date, as the other services and the journey read it
    (e.g. ``refusal_threshold`` for the employment service, ``missed_report_termination_months``)."""

    district: str
    on: dt.date
    parameters: dict[str, PolicyParameterRead]
    duration_table: list[DurationRowRead]
    monthly_benefit_amount: Decimal | None
    monthly_benefit_explanation: list[str]
