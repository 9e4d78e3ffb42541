from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import MultilineText, StrictInt, month_type

ReportMonth = month_type("invalid_report_month")


class ReportCreate(BaseModel):
    """R-MON-1: job applications made, guidance and training attended in the month."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    channel: Literal["service_point", "online"]
    report_month: ReportMonth | None = Field(
        default=None,
        description="YYYY-MM; defaults to the current month in China time. A missed month may be reported later.",
    )
    applications_made: StrictInt = Field(ge=0, le=1000, description="本月求职(投递)次数")
    interviews: StrictInt = Field(default=0, ge=0, le=1000, description="本月面试次数")
    guidance_attended: bool = Field(default=False, description="本月是否参加职业指导")
    training_attended: bool = Field(default=False, description="本月是否参加职业培训")
    notes: MultilineText | None = Field(default=None, max_length=1000)


class ReportRead(BaseModel):
    id: uuid.UUID
    job_seeker_id: uuid.UUID
    report_month: str
    reported_on: dt.date
    reported_at: dt.datetime
    channel: str
    applications_made: int
    interviews: int
    guidance_attended: bool
    training_attended: bool
    notes: str | None
    created_at: dt.datetime


class MissingReport(BaseModel):
    """A person on benefit who has not reported for the month (R-MON-1: that month's payment waits)."""

    job_seeker_id: uuid.UUID
    district: str
    registered_on: dt.date
    report_month: str
