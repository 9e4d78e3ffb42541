from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.benefits.payments.schemas import PaymentRead
from shared.inputs import Date, Money, Text


class SubsidyKind(str, enum.Enum):
    TRAINING = "training_subsidy"  # 职业培训补贴 (R-SUB-1)
    REFERRAL = "referral_subsidy"  # 职业介绍补贴 (R-SUB-1)
    SKILL_UPGRADE = "skill_upgrade_subsidy"  # 技能提升补贴, capped by certificate level (R-SUB-1)


class SubsidyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: SubsidyKind
    # The enrolment, referral or certificate this pays for: a retried request is the same award.
    event_ref: Text = Field(min_length=1, max_length=100)
    requested_amount: Money = Field(gt=0)
    awarded_on: Date | None = Field(default=None, description="defaults to today")
    occupation: Text | None = Field(default=None, min_length=1, max_length=100)
    certificate_level: Text | None = Field(default=None, pattern=r"^[1-5]$", validate_default=True)

    @field_validator("certificate_level")
    @classmethod
    def _skill_needs_certificate(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") is SubsidyKind.SKILL_UPGRADE and (value is None or not info.data.get("occupation")):
            raise ValueError("certificate_required: 技能提升补贴须填写职业 (工种) 和证书等级")
        return value


class SubsidyRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    kind: SubsidyKind
    event_ref: str
    occupation: str | None
    certificate_level: str | None
    requested_amount: Decimal
    cap: Decimal
    amount: Decimal
    payment: PaymentRead
    awarded_by: str
    awarded_at: dt.datetime


class SubsidyRefusalRead(BaseModel):
    """A subsidy refused on its merits (R-SUB-1), with its written decision (R-NOTICE-1: its PDF at
    GET /decision-notices/{notice_id}.pdf). No names: the claim and registration by their IDs."""

    id: uuid.UUID
    claim_id: uuid.UUID
    registration_id: uuid.UUID
    district: str
    kind: SubsidyKind
    event_ref: str
    requested_amount: Decimal
    requested_on: dt.date
    occupation: str | None
    certificate_level: str | None
    # The refusal as the API answered it: its stable code and its Chinese message.
    code: str
    message: str
    refused_by: str
    refused_at: dt.datetime
    notice_id: uuid.UUID | None
