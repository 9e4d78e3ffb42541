"""What the four-eyes control (R-CTRL-1) reads and writes through the APIs, one copy for every
service: the approval (its payload as the kind presents it: bank details masked) and the
effective-dated ``four_eyes_decisions`` policy row."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.inputs import Text
from shared.policies import EffectiveDatedCreate, EffectiveDatedRead


class DecisionKind(str, enum.Enum):
    """The decisions R-CTRL-1 lists; a province's policy row names the ones it checks."""

    CLAIM_APPROVAL = "claim_approval"
    CLAIM_STOP = "claim_stop"
    OVERPAYMENT_DECISION = "overpayment_decision"  # recover, waive, or a fraud fine (R-FRAUD-1)
    USCC_OVERRIDE = "uscc_override"
    PAYROLL_RELEASE = "payroll_release"
    BANK_ACCOUNT_CHANGE = "bank_account_change"
    # R-CORR-1: the agency's correction of its own decision, ALWAYS checked (not a policy choice).
    DECISION_CORRECTION = "decision_correction"


# When no policy row is in force: every listed decision needs a second person.
DEFAULT_DECISIONS = frozenset(DecisionKind)


class ApprovalStatus(str, enum.Enum):
    PREPARED = "prepared"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ApprovalRead(BaseModel):
    """A prepared decision and its check: both names, roles and times (the audit record)."""

    id: uuid.UUID
    kind: DecisionKind
    subject_id: str
    status: ApprovalStatus
    district: str
    payload: dict[str, Any] = Field(description="the prepared request (bank details masked)")
    prepared_by: str
    prepared_role: str
    prepared_at: dt.datetime
    reason: str | None
    decided_by: str | None
    decided_role: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    result: dict[str, Any] | None = Field(
        default=None, description="the decision's own answer, when this request carried it out"
    )


class ApprovalApprove(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Text | None = Field(default=None, max_length=500, description="复核意见")


class ApprovalReject(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Text = Field(min_length=1, max_length=500, description="退回理由")


class FourEyesPolicyCreate(EffectiveDatedCreate):
    """A province's list of the decisions that need a second person (R-CTRL-1)."""

    decisions: list[DecisionKind] = Field(description="须经复核的决定; 空列表: 均一人办结")

    @field_validator("area_code")
    @classmethod
    def _province(cls, value: str) -> str:
        if not value.endswith("0000"):
            raise ValueError("province_required: 四眼复核范围按省设定, 请填写省级区划代码 (如 430000)")
        return value

    @field_validator("decisions")
    @classmethod
    def _once(cls, value: list[DecisionKind]) -> list[DecisionKind]:
        if DecisionKind.DECISION_CORRECTION in value:
            raise ValueError("decision_correction_always_checked: 自行纠错始终须经复核 (R-CORR-1), 不由政策设定")
        return sorted(set(value), key=lambda k: k.value)


class FourEyesPolicyRead(EffectiveDatedRead):
    decisions: list[DecisionKind]
    created_by: str | None
    created_at: dt.datetime
