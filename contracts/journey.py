"""The claimant journey's contract (一条龙): its type, ID and task queue, its input and result, the
signals the services send it, its queryable state, its search attributes.

Internal IDs, dates, codes and amounts only: personal data (ID numbers, names, bank accounts)
never enters workflow history, search attributes or workflow IDs.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from temporalio.common import SearchAttributeKey

from contracts.base import Signal, Workflow

WORKFLOW_TYPE = "ClaimantJourney"
SIGNAL_CLAIM_DECIDED = "claim_decided"
SIGNAL_PLACEMENT_RECORDED = "placement_recorded"
# From the employment service (one-stop events of the journey, R-MON-1 / R-STOP-1 / R-SUB-1).
SIGNAL_JOB_SEARCH_REPORTED = "job_search_reported"
SIGNAL_REFUSAL_RECORDED = "refusal_recorded"
SIGNAL_TRAINING_COMPLETED = "training_completed"
# From the employment service when a case manager accepts a refusal stop proposal (R-STOP-1).
SIGNAL_STOP_DECIDED = "stop_decided"
# From the benefits service when a case manager stops the claim (R-STOP-1, R-DEATH-1, …).
SIGNAL_CLAIM_STOPPED = "claim_stopped"
# From the registration service when a service point ends a residence registration (R-SPELL-1).
SIGNAL_REGISTRATION_ENDED = "registration_ended"
QUERY_STATE = "journey_state"

# Custom search attributes: registered by scripts/temporal.sh (dev server), by the compose job
# deploy/temporal/register-search-attributes.sh (production) and by workflows/search_attributes.py.
SA_JOURNEY_STAGE = "JourneyStage"
SA_DISTRICT = "District"
SA_REVIEW_OVERDUE = "ReviewOverdue"
STAGE_KEY = SearchAttributeKey.for_keyword(SA_JOURNEY_STAGE)
DISTRICT_KEY = SearchAttributeKey.for_keyword(SA_DISTRICT)
REVIEW_OVERDUE_KEY = SearchAttributeKey.for_bool(SA_REVIEW_OVERDUE)

CLAIMANT_JOURNEY_PREFIX = "claimant-journey-"


def claimant_journey_id(registration_id: uuid.UUID | str) -> str:
    """One journey per unemployment registration (R-UREG-1); internal IDs only."""
    return f"{CLAIMANT_JOURNEY_PREFIX}{uuid.UUID(str(registration_id))}"


class Stage(str, enum.Enum):
    REGISTERED = "registered"
    CLAIM_REVIEW = "claim_review"
    ON_BENEFIT = "on_benefit"
    CLAIM_REJECTED = "claim_rejected"
    # R-RFI-1: the documents asked for did not come within the supply deadline.
    CLAIM_CLOSED_INCOMPLETE = "claim_closed_incomplete"
    REEMPLOYED = "reemployed"
    ENTITLEMENT_EXHAUSTED = "entitlement_exhausted"
    BENEFIT_STOPPED = "benefit_stopped"
    # R-SPELL-1: a residence registration (no insured separation): employment services, no claim.
    EMPLOYMENT_SERVICES = "employment_services"
    # The service point ended the registration (R-SPELL-1) without a placement.
    REGISTRATION_ENDED = "registration_ended"


@dataclass
class ClaimantJourneyInput:
    registration_id: str
    district: str
    # R-START: benefit counts from the unemployment-registration date.
    registration_date: dt.date
    # False for a residence registration (常住地失业登记, R-SPELL-1): no claim, employment services.
    insured_separation: bool = True


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
    # R-START: the registration date, or later for a late claim (R-APP-2). None: the registration date.
    benefit_start_date: dt.date | None = None


@dataclass
class PlacementRecorded:
    placement_id: str
    start_date: dt.date


@dataclass
class ClaimStopped:
    """The benefits service stopped the claim (any R-STOP-1 ground decided by a case manager)."""

    claim_id: str
    reason: str
    effective_date: dt.date
    # When what caused the stop happened, if not the effective date (the date of death, R-DEATH-1).
    event_date: dt.date | None = None


@dataclass
class RegistrationEnded:
    """A service point ended the residence registration (R-SPELL-1): the journey is over."""

    registration_id: str
    ended_on: dt.date
    reason: str


@dataclass
class JobSearchReported:
    """R-MON-1: the monthly job-search report (求职情况报告) for one calendar month."""

    report_id: str
    report_month: str  # "YYYY-MM"
    reported_on: dt.date


@dataclass
class RefusalRecorded:
    """A suitable job or training refused without good reason (R-STOP-1). Counted by the
    employment service; reaching the policy threshold raises a stop *proposal* for a human."""

    referral_id: str
    refusals_without_good_reason: int
    threshold_reached: bool


@dataclass
class StopDecided:
    """A case manager accepted the stop proposal raised by refusals (R-STOP-1): the journey stops
    the claim from the event date (the refusal that reached the threshold)."""

    proposal_id: str
    reason: str  # a benefits stop reason code, "refused_offers"
    effective_date: dt.date


@dataclass
class TrainingCompleted:
    """Completed vocational training, with the certificate the subsidy is paid on (R-SUB-1)."""

    enrolment_id: str
    course_id: str
    occupation: str
    certificate_level: str | None = None  # e.g. "5".."1" (职业资格等级), None without certificate
    course_cost: Decimal | None = None  # what the training subsidy is asked for (capped by policy)


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
    reported_months: list[str] = field(default_factory=list)
    stop_proposed: bool = False
    # R-SPELL-1: the 失业登记 as the journey ended it (None while the spell lasts).
    registration_ended_on: dt.date | None = None
    registration_end_reason: str | None = None


JOURNEY = Workflow(WORKFLOW_TYPE, ClaimantJourneyInput)
CLAIM_DECIDED = Signal(SIGNAL_CLAIM_DECIDED, ClaimDecided)
PLACEMENT_RECORDED = Signal(SIGNAL_PLACEMENT_RECORDED, PlacementRecorded)
CLAIM_STOPPED = Signal(SIGNAL_CLAIM_STOPPED, ClaimStopped)
REGISTRATION_ENDED = Signal(SIGNAL_REGISTRATION_ENDED, RegistrationEnded)
JOB_SEARCH_REPORTED = Signal(SIGNAL_JOB_SEARCH_REPORTED, JobSearchReported)
REFUSAL_RECORDED = Signal(SIGNAL_REFUSAL_RECORDED, RefusalRecorded)
STOP_DECIDED = Signal(SIGNAL_STOP_DECIDED, StopDecided)
TRAINING_COMPLETED = Signal(SIGNAL_TRAINING_COMPLETED, TrainingCompleted)
SIGNALS = (
    CLAIM_DECIDED, PLACEMENT_RECORDED, CLAIM_STOPPED, REGISTRATION_ENDED, JOB_SEARCH_REPORTED,
    REFUSAL_RECORDED, STOP_DECIDED, TRAINING_COMPLETED,
)
