"""运行监控 answers: internal IDs, stages, districts, activity names and times; no personal data."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel

from contracts.journey import Stage


class FailingActivityRead(BaseModel):
    """One pending activity of a running journey that failed at least once (attempt ≥ 2)."""

    workflow_id: str
    # From the workflow ID (claimant-journey-<registration id>); null if it is not one.
    registration_id: uuid.UUID | None
    stage: Stage | None
    district: str | None
    activity_id: str
    activity_type: str
    # Temporal's pending-activity state: SCHEDULED (waiting for its next attempt), STARTED, …
    state: str
    attempt: int
    # Null: retried without a limit.
    maximum_attempts: int | None
    # The last failure's message, at most 300 characters (ID numbers masked, should one appear).
    last_failure: str | None
    # When the last attempt ended (or, while one runs and none ended yet, when it started).
    last_attempt_at: dt.datetime | None
    # When Temporal will try again, while it waits out the retry interval (null once dispatched).
    next_attempt_at: dt.datetime | None


class FailingWorkflowsRead(BaseModel):
    # How many running journeys were described (the most recently started, at most ``limit``).
    described: int
    # More journeys were running than were described: raise ``limit`` to look further.
    more_running: bool
    items: list[FailingActivityRead]


class ScheduleRead(BaseModel):
    schedule_id: str
    # The workflow type the Schedule starts; null for another kind of action.
    workflow_type: str | None
    # The next (up to) 3 times it will start one.
    next_action_times: list[dt.datetime]
    last_action_at: dt.datetime | None
    paused: bool
