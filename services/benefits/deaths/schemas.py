from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.benefits.bank_accounts.schemas import ACCOUNT_RE
from services.benefits.payments.schemas import PaymentRead
from shared.inputs import Date, Text


class Relationship(str, enum.Enum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    OTHER = "other"


class FuneralGrantChoice(str, enum.Enum):
    """R-DEATH-1: entitled to more than one funeral grant, the family chooses one."""

    UNEMPLOYMENT = "unemployment"  # 失业保险丧葬补助金
    PENSION = "pension"  # 基本养老保险丧葬补助金
    WORK_INJURY = "work_injury"  # 工伤保险丧葬补助金


class DeathReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    date_of_death: Date
    evidence_ref: Text = Field(min_length=1, max_length=100, description="死亡证明编号")
    recipient_name: Text = Field(min_length=1, max_length=60)
    recipient_relationship: Relationship
    recipient_bank_code: Text = Field(pattern=r"^[0-9A-Z]{3,12}$")
    recipient_account_number: Text
    funeral_grant_choice: FuneralGrantChoice

    @field_validator("recipient_account_number")
    @classmethod
    def _account(cls, value: str) -> str:
        compact = value.replace(" ", "")
        if not ACCOUNT_RE.match(compact):
            raise ValueError("invalid_account_number: 银行账号应为12至30位数字")
        return compact



class DeathReportRead(BaseModel):
    claim_id: uuid.UUID
    date_of_death: dt.date
    evidence_ref: str
    recipient_name_masked: str
    recipient_relationship: Relationship
    funeral_grant_choice: FuneralGrantChoice
    funeral_grant: PaymentRead | None
    # Why there is no funeral grant from this fund, when there is none.
    funeral_grant_refusal: str | None
    survivor_grant: PaymentRead
    death_month_benefit: PaymentRead | None
    # R-MED-1: the month of death's medical-insurance premium (to the medical-insurance fund).
    death_month_medical_premium: PaymentRead | None = None
    recorded_by: str
    recorded_at: dt.datetime
