from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from shared.ids import validate_district
from shared.inputs import Date, StrictInt, Text


class RegistrationPolicyCreate(BaseModel):
    """Employer-registration parameters in force from a date (within its period the row that
    starts latest wins; the most specific area wins: district, then city, then province)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "area_code": "430000",
                    "effective_from": "2027-01-01",
                    "review_working_days": 10,
                    "review_warning_working_days": 2,
                    "enrolment_deadline_days": 30,
                    "separation_notice_days": 7,
                    "separation_notice_max_days": 15,
                    "source": "湖南省失业保险经办业务规程 第二章",
                }
            ]
        },
    )

    area_code: Text = Field(description="行政区划代码: province (430000), city (430100) or district")
    effective_from: Date
    effective_to: Date | None = Field(default=None, description="exclusive; open-ended if omitted")
    review_working_days: StrictInt = Field(ge=1, le=60, description="审核时限 (working days, R-REG-1)")
    review_warning_working_days: StrictInt = Field(ge=0, le=30, description="warn this many working days before")
    enrolment_deadline_days: StrictInt = Field(ge=1, le=365, description="R-REG-3: days after hiring / founding")
    separation_notice_days: StrictInt = Field(ge=1, le=60, description="R-EMP-1: 条例's 7 days")
    separation_notice_max_days: StrictInt = Field(ge=1, le=60, description="R-EMP-1: 社保法's 15 days")
    source: Text = Field(min_length=1, max_length=500, description="政策依据 (文件名称及文号)")
    is_sample: bool = False

    @field_validator("area_code")
    @classmethod
    def _area(cls, value: str) -> str:
        return validate_district(value)

    @field_validator("effective_to")
    @classmethod
    def _after_from(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("effective_from")
        if value is not None and start is not None and value <= start:
            raise ValueError("invalid_effective_period: 失效日期须晚于生效日期")
        return value

    @model_validator(mode="after")
    def _notice_order(self) -> RegistrationPolicyCreate:
        if self.separation_notice_max_days < self.separation_notice_days:
            raise ValueError("invalid_notice_days: 法定最长报送期限不能短于条例规定的期限")
        if self.review_warning_working_days >= self.review_working_days:
            raise ValueError("invalid_warning_days: 预警工作日数须少于审核时限")
        return self


class RegistrationPolicyRead(BaseModel):
    id: int
    area_code: str
    effective_from: dt.date
    effective_to: dt.date | None
    review_working_days: int
    review_warning_working_days: int
    enrolment_deadline_days: int
    separation_notice_days: int
    separation_notice_max_days: int
    source: str
    is_sample: bool
