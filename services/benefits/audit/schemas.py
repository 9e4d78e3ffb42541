from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import City, Date, Text


class CrossMatchRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    city: City = Field(description="地市代码: the claims checked")
    as_of: Date | None = None  # the contribution history as of this date; today when omitted


class CrossMatchRunRead(BaseModel):
    city: str
    as_of: dt.date
    claims_checked: int
    persons_checked: int
    hits_created: int
    # Persons whose history the registration service could not give (checked again next run).
    persons_failed: int


class ReviewOutcome(str, enum.Enum):
    CONFIRMED = "confirmed"  # the case manager then decides the stop / recovery (R-FRAUD-1)
    DISMISSED = "dismissed"


class ReviewDecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: ReviewOutcome
    note: Text = Field(min_length=1, max_length=500)


class ReviewItemRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    payment_id: uuid.UUID
    benefit_month: int
    source: str
    employer_id: uuid.UUID | None
    overlap_month: str
    status: str
    detected_by: str
    detected_at: dt.datetime
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    review_note: str | None
