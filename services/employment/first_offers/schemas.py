from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel


class FirstOfferDue(BaseModel):
    """A person on benefit still waiting for a first offer (of guidance, or of training), due
    within the policy's days of the job-seeker registration."""

    job_seeker_id: uuid.UUID
    district: str
    registered_on: dt.date
    due_on: dt.date
    overdue: bool
