from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from services.employment.job_seekers.schemas import (
    CertificateLevel,
    Education,
    JobSeekerRead,
    WorkingTime,
    clean_terms,
)
from shared.ids import validate_district
from shared.inputs import Money, StrictInt, Text


class VacancyCreate(BaseModel):
    """An employer's vacancy (岗位信息), keyed by employer name + the employer's posting reference."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    employer_name: Text = Field(min_length=1, max_length=200)
    employer_id: uuid.UUID | None = Field(default=None, description="登记服务中的参保单位ID")
    posting_ref: Text = Field(min_length=1, max_length=64, description="单位岗位编号")
    occupation: Text = Field(min_length=1, max_length=50)
    district: Text
    wage_min: Money = Field(ge=0, description="月工资下限(元)")
    wage_max: Money = Field(ge=0, description="月工资上限(元)")
    openings: StrictInt = Field(gt=0, le=10000, description="招聘人数")
    min_education: Education | None = None
    required_skills: list[Text] = Field(default_factory=list, max_length=20)
    required_certificate_level: CertificateLevel | None = Field(
        default=None, description="要求的证书最低等级 (5 初级工 … 1 高级技师)"
    )
    working_time: WorkingTime = "full_time"

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        return validate_district(value)

    @field_validator("required_skills")
    @classmethod
    def _skills(cls, value: list[str]) -> list[str]:
        return clean_terms(value, "required_skills")

    @model_validator(mode="after")
    def _wage_range(self) -> "VacancyCreate":
        if self.wage_max < self.wage_min:
            raise ValueError("wage_range_inverted: 工资上限不能低于下限")
        return self


class VacancyRead(BaseModel):
    id: uuid.UUID
    employer_name: str
    employer_id: uuid.UUID | None
    posting_ref: str
    occupation: str
    district: str
    wage_min: Decimal
    wage_max: Decimal
    openings: int
    filled: int
    min_education: str | None
    required_skills: list[str]
    required_certificate_level: str | None
    working_time: str
    status: str
    created_at: dt.datetime


class MatchReason(BaseModel):
    factor: str
    points: int
    detail: str


class VacancyMatch(BaseModel):
    """A job seeker ranked for a vacancy, with the reason for each point of the score."""

    rank: int
    score: int
    reasons: list[MatchReason]
    job_seeker: JobSeekerRead


class JobSeekerMatch(BaseModel):
    rank: int
    score: int
    reasons: list[MatchReason]
    vacancy: VacancyRead
