from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.employment.job_seekers.schemas import CertificateLevel
from shared.inputs import Date, Text


class EnrolmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_seeker_id: uuid.UUID


class AttendanceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: Date
    present: bool


class CompletionCreate(BaseModel):
    """结业: passed or not; a passed course may come with a certificate and its level (R-SUB-1)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    completed_on: Date
    passed: bool
    certificate_no: Text | None = Field(default=None, min_length=1, max_length=64)
    certificate_level: CertificateLevel | None = None

    @model_validator(mode="after")
    def _certificate_needs_pass(self) -> "CompletionCreate":
        if not self.passed and (self.certificate_no or self.certificate_level):
            raise ValueError("certificate_without_pass: 未结业合格不能登记证书")
        if self.certificate_level and not self.certificate_no:
            raise ValueError("certificate_no_required: 登记证书等级须同时填写证书编号")
        return self


class EnrolmentRead(BaseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    job_seeker_id: uuid.UUID
    status: str
    completed_on: dt.date | None
    certificate_no: str | None
    certificate_level: str | None
    days_recorded: int
    days_present: int
    created_at: dt.datetime
