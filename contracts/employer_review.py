"""The contract of an employer registration's review deadline (参保登记审核时限, R-REG-1): started by
the registration service when it accepts a registration, decided by its case manager's signal.
Internal IDs and dates only."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from temporalio.common import SearchAttributeKey

from contracts.base import Signal, Workflow

EMPLOYER_REVIEW_WORKFLOW_TYPE = "EmployerReview"
SIGNAL_EMPLOYER_REVIEW_DECIDED = "employer_review_decided"
QUERY_EMPLOYER_REVIEW_STATE = "employer_review_state"
SA_EMPLOYER_REVIEW_OVERDUE = "EmployerReviewOverdue"
EMPLOYER_REVIEW_OVERDUE_KEY = SearchAttributeKey.for_bool(SA_EMPLOYER_REVIEW_OVERDUE)
EMPLOYER_REVIEW_PREFIX = "employer-review-"


def employer_review_id(employer_id: uuid.UUID | str, review_round: int = 1) -> str:
    """One workflow per review round: a rejected registration submitted again is reviewed anew."""
    base = f"{EMPLOYER_REVIEW_PREFIX}{uuid.UUID(str(employer_id))}"
    return base if review_round == 1 else f"{base}-r{review_round}"


@dataclass
class EmployerReviewInput:
    employer_id: str
    accepted_on: dt.date
    # The working day on which the warning is raised, and the last working day of the review.
    warn_on: dt.date
    due_on: dt.date


@dataclass
class EmployerReviewDecided:
    employer_id: str
    approved: bool
    decided_at: dt.datetime


@dataclass
class EmployerReviewState:
    employer_id: str
    due_on: dt.date
    warned: bool
    overdue: bool
    decided: bool
    approved: bool | None


EMPLOYER_REVIEW = Workflow(EMPLOYER_REVIEW_WORKFLOW_TYPE, EmployerReviewInput)
EMPLOYER_REVIEW_DECIDED = Signal(SIGNAL_EMPLOYER_REVIEW_DECIDED, EmployerReviewDecided)
SIGNALS = (EMPLOYER_REVIEW_DECIDED,)
