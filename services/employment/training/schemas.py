from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from stdnum.cn import uscc

from services.employment.job_seekers.schemas import CertificateLevel
from shared.ids import validate_district
from shared.inputs import Date, Money, StrictInt, Text


class ProviderCreate(BaseModel):
    """A training provider (定点培训机构)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text = Field(min_length=1, max_length=200)
    uscc: Text | None = Field(default=None, description="统一社会信用代码 (GB 32100-2015)")
    district: Text

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        return validate_district(value)

    @field_validator("uscc")
    @classmethod
    def _uscc(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not uscc.is_valid(value):
            raise ValueError("invalid_uscc: 统一社会信用代码无效")
        return uscc.compact(value)


class ProviderRead(BaseModel):
    id: uuid.UUID
    name: str
    uscc: str | None
    district: str
    created_at: dt.datetime


class CourseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    provider_id: uuid.UUID
    code: Text = Field(min_length=1, max_length=40, description="课程(班次)编号")
    title: Text = Field(min_length=1, max_length=200)
    occupation: Text = Field(min_length=1, max_length=50, description="培训职业(工种)")
    level: CertificateLevel | None = Field(default=None, description="培训等级: 5 初级工 … 1 高级技师")
    capacity: StrictInt = Field(gt=0, le=1000, description="名额")
    start_date: Date
    end_date: Date
    cost: Money = Field(ge=0, description="人均培训费用(元)")

    @model_validator(mode="after")
    def _dates(self) -> "CourseCreate":
        if self.end_date < self.start_date:
            raise ValueError("end_before_start: 结束日期不能早于开始日期")
        return self


class CourseRead(BaseModel):
    id: uuid.UUID
    provider_id: uuid.UUID
    code: str
    title: str
    occupation: str
    level: str | None
    capacity: int
    start_date: dt.date
    end_date: dt.date
    cost: Decimal
    seats_taken: int
    created_at: dt.datetime
