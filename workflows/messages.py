"""What crosses the boundary of the claimant journey: its input and result, the signals the
services send it, its queryable state, and one input/result pair per activity.

Internal IDs, dates, codes and amounts only: personal data (ID numbers, names, bank accounts)
never enters workflow history, search attributes or workflow IDs.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal

WORKFLOW_TYPE = "ClaimantJourney"
SIGNAL_CLAIM_DECIDED = "claim_decided"
SIGNAL_PLACEMENT_RECORDED = "placement_recorded"
QUERY_STATE = "journey_state"

# Custom search attributes: registered by scripts/temporal.sh (dev server), by the compose job
# deploy/temporal/register-search-attributes.sh (production) and by workflows/search_attributes.py.
SA_JOURNEY_STAGE = "JourneyStage"
SA_DISTRICT = "District"
SA_REVIEW_OVERDUE = "ReviewOverdue"


class Stage(str, enum.Enum):
    REGISTERED = "registered"
    CLAIM_REVIEW = "claim_review"
    ON_BENEFIT = "on_benefit"
    CLAIM_REJECTED = "claim_rejected"
    REEMPLOYED = "reemployed"
    ENTITLEMENT_EXHAUSTED = "entitlement_exhausted"


@dataclass
class ClaimantJourneyInput:
    registration_id: str
    district: str
    # R-START: benefit counts from the unemployment-registration date.
    registration_date: dt.date


@dataclass
class ClaimantJourneyResult:
    stage: Stage
    claim_id: str | None
    months_paid: int


@dataclass
class ClaimDecided:
    claim_id: str
    approved: bool
    entitlement_months: int = 0
    decided_at: dt.datetime | None = None


@dataclass
class PlacementRecorded:
    placement_id: str
    start_date: dt.date


@dataclass
class JourneyStep:
    at: dt.datetime
    stage: Stage
    event: str
    detail: dict[str, str] = field(default_factory=dict)


@dataclass
class JourneyState:
    registration_id: str
    stage: Stage
    claim_id: str | None
    job_seeker_id: str | None
    entitlement_months: int
    months_paid: int
    review_overdue: bool
    steps: list[JourneyStep]


# --- activities -----------------------------------------------------------------------------


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
class StopBenefitResult:
    claim_id: str
    status: str
