from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.ids import validate_district
from shared.inputs import Date, Text

# Ordered lowest first: matching compares a job seeker's education with a vacancy's minimum.
EDUCATION_LEVELS = (
    "primary",
    "junior_secondary",
    "senior_secondary",
    "secondary_vocational",
    "junior_college",
    "bachelor",
    "master",
    "doctorate",
)
Education = Literal[
    "primary",
    "junior_secondary",
    "senior_secondary",
    "secondary_vocational",
    "junior_college",
    "bachelor",
    "master",
    "doctorate",
]
WorkingTime = Literal["full_time", "part_time", "any"]
WithdrawalReason = Literal[
    "no_longer_seeking",
    "moved_away",
    "enlisted",
    "emigrated",
    "retired_pension",
    "imprisoned",
    "deceased",
    "other",
]
CertificateLevel = Literal["1", "2", "3", "4", "5"]


def clean_terms(values: list[str], field: str) -> list[str]:
    """Skills / occupations: trimmed, non-empty, de-duplicated, order kept."""
    seen: list[str] = []
    for value in values:
        term = value.strip()
        if not term or len(term) > 50:
            raise ValueError(f"invalid_{field}: 每一项应为1到50个字符")
        if term not in seen:
            seen.append(term)
    return seen


class ProfileFields(BaseModel):
    """The job seeker's profile (求职登记表): what matching uses."""

    model_config = ConfigDict(extra="forbid")

    education: Education | None = Field(default=None, description="文化程度")
    skills: list[Text] = Field(default_factory=list, max_length=30, description="技能")
    preferred_occupations: list[Text] = Field(default_factory=list, max_length=10, description="求职意向(职业)")
    preferred_districts: list[Text] = Field(default_factory=list, max_length=10, description="意向工作地区")
    available_from: Date | None = Field(default=None, description="可到岗日期")
    working_time: WorkingTime = Field(default="any", description="全职/兼职")

    @field_validator("skills")
    @classmethod
    def _skills(cls, value: list[str]) -> list[str]:
        return clean_terms(value, "skills")

    @field_validator("preferred_occupations")
    @classmethod
    def _occupations(cls, value: list[str]) -> list[str]:
        return clean_terms(value, "preferred_occupations")

    @field_validator("preferred_districts")
    @classmethod
    def _districts(cls, value: list[str]) -> list[str]:
        return [validate_district(v) for v in dict.fromkeys(value)]


class JobSeekerCreate(ProfileFields):
    """求职登记 for a person with an unemployment registration (internal IDs only)."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: Text
    on_benefit: bool | None = Field(
        default=None,
        description="journey only: false for a residence registration (R-SPELL-1, no claim); "
        "the journey's call otherwise means benefit is being drawn",
    )

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        return validate_district(value)


class JobSeekerUpdate(ProfileFields):
    """Replaces the whole profile (the form is filled in again)."""


class WithdrawalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: WithdrawalReason = Field(description="注销求职登记原因")
    note: Text | None = Field(default=None, max_length=500)
    withdrawn_on: Date

    @model_validator(mode="after")
    def _other_needs_note(self) -> "WithdrawalCreate":
        if self.reason == "other" and not self.note:
            raise ValueError("withdrawal_note_required: 原因为“其他”时须说明")
        return self


class CertificateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    certificate_no: Text = Field(min_length=1, max_length=64, description="证书编号")
    occupation: Text = Field(min_length=1, max_length=50, description="职业(工种)")
    level: CertificateLevel | None = Field(default=None, description="等级: 5 初级工 … 1 高级技师")
    issued_on: Date


class CertificateRead(BaseModel):
    id: uuid.UUID
    job_seeker_id: uuid.UUID
    certificate_no: str
    occupation: str
    level: str | None
    issued_on: dt.date
    source: str
    enrolment_id: uuid.UUID | None
    created_at: dt.datetime


class JobSeekerRead(BaseModel):
    id: uuid.UUID
    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: str
    status: str
    education: str | None = None
    skills: list[str] = []
    preferred_occupations: list[str] = []
    preferred_districts: list[str] = []
    available_from: dt.date | None = None
    working_time: str = "any"
    on_benefit: bool = False
    withdrawal_reason: str | None = None
    withdrawal_note: str | None = None
    withdrawn_on: dt.date | None = None
    benefit_ended_on: dt.date | None = None
    benefit_end_reason: str | None = None
    # 求职登记日期 (China date, R-TIME-1): the first-guidance deadline and report months count from it.
    registered_on: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime | None = None


class BenefitEndCreate(BaseModel):
    """The claimant's journey tells when benefit ended without a placement (used up or stopped)."""

    model_config = ConfigDict(extra="forbid")

    ended_on: Date
    reason: Literal["entitlement_exhausted", "benefit_stopped"]
