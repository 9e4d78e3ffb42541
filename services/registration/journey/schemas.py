from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel

from services.registration.unemployment.schemas import SpellEndReason, UnemploymentRegistrationRead
from contracts.journey import Stage


class JourneyStepRead(BaseModel):
    at: dt.datetime
    stage: Stage
    event: str
    detail: dict[str, str]


class JourneyRead(BaseModel):
    """Where a claimant is in the 一条龙 journey, for case managers and operations."""

    registration_id: uuid.UUID
    workflow_id: str
    # Temporal's execution status (RUNNING, COMPLETED, FAILED, …) or NOT_STARTED while the
    # start is still queued in the outbox.
    status: str
    stage: Stage | None
    claim_id: str | None
    job_seeker_id: str | None
    entitlement_months: int
    months_paid: int
    review_overdue: bool
    # R-MON-1: the calendar months ("YYYY-MM") whose job-search report the journey has received.
    reported_months: list[str] = []
    # R-STOP-1: refusals reached the threshold; a case manager decides whether to stop.
    stop_proposed: bool = False
    # R-SPELL-1: the 失业登记 itself (open | closed), and how it ended.
    registration_status: str
    registration_ended_on: dt.date | None = None
    registration_end_reason: SpellEndReason | None = None
    steps: list[JourneyStepRead]
    # The 失业登记 itself, as GET /unemployment-registrations/{id} answers it (masked): the console
    # draws the journey page from this one call and the claim's and job seeker's records.
    registration: UnemploymentRegistrationRead | None = None


class JourneySummaryRead(BaseModel):
    """One line of a worklist: where a claimant's journey stands (from Temporal's visibility)."""

    registration_id: uuid.UUID
    workflow_id: str
    status: str
    stage: Stage | None
    district: str | None
    review_overdue: bool
    started_at: dt.datetime


class JourneyCountRead(BaseModel):
    """Open (RUNNING) journeys of one stage in one district, from Temporal's visibility. A count
    only: no person, no ID. ``stage`` is null for a journey that has not set its stage yet."""

    stage: Stage | None
    district: str | None
    count: int
