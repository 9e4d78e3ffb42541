from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.benefits.entitlement.schemas import ClaimEvidence, EligibilityRead
from services.benefits.payments.schemas import PaymentRead
from services.benefits.subsidies.schemas import SubsidyRead
from shared.ids import validate_district
from shared.inputs import Date, StrictInt, Text


class ClaimStatus(str, enum.Enum):
    PENDING_REVIEW = "pending_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    STOPPED = "stopped"
    # R-RFI-1: the missing documents did not come within the supply deadline.
    CLOSED_INCOMPLETE = "closed_incomplete"


class StopReason(str, enum.Enum):
    """R-STOP-1 grounds."""

    RE_EMPLOYMENT = "re_employment"
    ENLISTMENT = "enlistment"
    EMIGRATION = "emigration"
    PENSION = "pension"
    IMPRISONMENT = "imprisonment"
    REFUSED_OFFERS = "refused_offers"
    DEATH = "death"
    EXPIRY = "expiry"
    TRANSFER = "transfer"
    OTHER_STATUTORY = "other_statutory"


class ClaimCreate(BaseModel):
    """Opened by the claimant journey for one unemployment registration (internal IDs only)."""

    model_config = ConfigDict(extra="forbid")

    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: Text
    registration_date: Date
    separation_date: Date
    separation_reason: Text = Field(min_length=1, max_length=40)
    # R-APP-1: the day the claim was made; today (China time) when omitted.
    claim_date: Date | None = None
    # Contract item 4: the registration service's insurance history, kept as the evidence snapshot.
    # Without it (older journeys) the contribution condition stays "unknown".
    evidence: ClaimEvidence | None = None

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        return validate_district(value)

    @field_validator("separation_date")
    @classmethod
    def _separated_before_registering(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        registered = info.data.get("registration_date")
        if registered is not None and value > registered:
            raise ValueError("registration_before_separation: 失业登记日期不能早于离职日期")
        return value

    @field_validator("claim_date")
    @classmethod
    def _claimed_after_separation(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        separated = info.data.get("separation_date")
        if value is not None and separated is not None and value < separated:
            raise ValueError("claim_before_separation: 申领日期不能早于离职日期")
        return value

    @field_validator("evidence")
    @classmethod
    def _same_person(cls, value: ClaimEvidence | None, info: ValidationInfo) -> ClaimEvidence | None:
        if value is not None and value.person_id is not None and value.person_id != info.data.get("person_id"):
            raise ValueError("evidence_person_mismatch: 缴费证据不是该申领人的")
        return value


class ClaimDecisionCreate(BaseModel):
    """A case manager's decision (R-REV-1): approve, or reject with reasons. The entitlement is
    computed by the service from the evidence (R-DUR-1/5, R-DUR-2). ``entitlement_months`` is kept
    for backwards compatibility only: required for claims opened without evidence (older journeys),
    and when given for a claim with evidence it must equal the computed months."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    approved: bool
    entitlement_months: StrictInt | None = Field(default=None, ge=1, le=24, validate_default=True)
    reason: Text | None = Field(default=None, max_length=500, validate_default=True)

    @field_validator("entitlement_months")
    @classmethod
    def _months_only_on_approval(cls, value: int | None, info: ValidationInfo) -> int | None:
        approved = info.data.get("approved")
        if approved is False and value is not None:
            raise ValueError("entitlement_months_on_rejection: 不予核准时不应填写享受待遇月数")
        return value

    @field_validator("reason")
    @classmethod
    def _reason_on_rejection(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("approved") is False and not value:
            raise ValueError("rejection_reason_required: 不予核准时须说明理由")
        return value


class ClaimStopCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: StopReason
    effective_date: Date
    evidence_ref: Text = Field(min_length=1, max_length=100)


class ClaimRead(BaseModel):
    id: uuid.UUID
    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: str
    registration_date: dt.date
    separation_date: dt.date
    separation_reason: str
    claim_date: dt.date
    status: ClaimStatus
    opened_at: dt.datetime
    # R-REV-1: the decision is due within 10 days; overdue while still pending after that.
    review_due_at: dt.datetime
    review_overdue: bool
    # R-RFI-1: while the missing documents are awaited the review clock is paused (never overdue).
    review_paused_since: dt.datetime | None = None
    documents_due_on: dt.date | None = None
    evidence: ClaimEvidence | None
    eligibility: EligibilityRead | None
    benefit_start_date: dt.date | None
    base_months: int | None
    carried_over_months: int | None
    previous_claim_id: uuid.UUID | None
    entitlement_months: int | None
    entitlement_basis: str | None
    monthly_amount: Decimal | None
    calculation: dict[str, Any] | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    decision_rules: list[str] | None
    stop_reason: StopReason | None
    stop_effective_date: dt.date | None
    stop_evidence_ref: str | None
    stopped_by: str | None


class ClaimRecordRead(BaseModel):
    """The console's one-call read of a claim (issue 11): each part exactly as GET /claims/{id},
    GET /claims/{id}/payments (R-PAY-1) and GET /claims/{id}/subsidies (R-SUB-1) answer it."""

    claim: ClaimRead
    payments: list[PaymentRead]
    subsidies: list[SubsidyRead]
