"""One input/result pair per activity of the claimant journey: what crosses between the workflow
and its activities (workflows/activities.py). Internal IDs, dates, codes and amounts only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal



@dataclass
class OpenClaimInput:
    registration_id: str


@dataclass
class OpenClaimResult:
    claim_id: str
    # R-REV-1: the agency decides within 10 days of accepting the claim.
    review_due_at: dt.datetime


@dataclass
class RecordPaymentInput:
    claim_id: str
    benefit_month: int
    kind: str = "benefit"


@dataclass
class RecordPaymentResult:
    payment_id: str
    amount: Decimal
    created: bool


@dataclass
class RegisterJobSeekerInput:
    registration_id: str
    # False for a residence registration: a job seeker who draws no benefit (no R-MON-1 reports).
    on_benefit: bool = True


@dataclass
class RegisterJobSeekerResult:
    job_seeker_id: str


@dataclass
class StopBenefitInput:
    claim_id: str
    reason: str
    effective_date: dt.date
    evidence_ref: str


@dataclass
class AwardSubsidyInput:
    claim_id: str
    kind: str  # a benefits subsidy kind, "training_subsidy"
    event_ref: str  # the enrolment: one award per event
    requested_amount: Decimal
    occupation: str | None = None
    certificate_level: str | None = None


@dataclass
class AwardSubsidyResult:
    subsidy_id: str
    amount: Decimal


@dataclass
class MissedReportRuleInput:
    district: str
    on: dt.date


@dataclass
class MissedReportRuleResult:
    """R-MON-1 province option: after how many months a suspension for missing reports becomes a
    termination (None: the province keeps it suspended)."""

    termination_months: int | None


@dataclass
class RecordBenefitEndInput:
    job_seeker_id: str
    ended_on: dt.date
    reason: str  # "entitlement_exhausted" or "benefit_stopped"


@dataclass
class CloseRegistrationInput:
    """注销失业登记 when the journey ends (R-SPELL-1): the date and an R-SPELL-1 reason code."""

    registration_id: str
    ended_on: dt.date
    reason: str
    evidence_ref: str


@dataclass
class StopBenefitResult:
    claim_id: str
    status: str


@dataclass
class CloseIncompleteClaimInput:
    """R-RFI-1: past the supply deadline, the benefits service closes the claim as incomplete."""

    claim_id: str
    request_id: str


@dataclass
class CloseIncompleteClaimResult:
    claim_id: str
    status: str  # the document request's: "closed_incomplete"
