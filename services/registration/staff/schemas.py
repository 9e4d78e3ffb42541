from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.registration.unemployment.schemas import SeparationReason
from shared.ids import validate_id_number
from shared.validation import not_after
from shared.inputs import Date, Text


class NoticeTimeliness(str, enum.Enum):
    """R-EMP-1, a notice's class: the separation list filed within 7 days (条例), after them but
    within the law's maximum of 15 (社保法 50), or beyond the 15 days."""

    WITHIN_STATUTORY = "within_statutory"
    WITHIN_LEGAL_MAXIMUM = "within_legal_maximum"
    BEYOND_LEGAL_MAXIMUM = "beyond_legal_maximum"


class NoticeTimelinessFilter(str, enum.Enum):
    """Which separation notices ``GET /separations?timeliness=`` lists (R-EMP-1)."""

    ON_TIME = "on_time"
    LATE = "late"
    BEYOND_LEGAL_MAXIMUM = "beyond_legal_maximum"
    WITHIN_STATUTORY = "within_statutory"
    WITHIN_LEGAL_MAXIMUM = "within_legal_maximum"


TIMELINESS_FILTER_DESCRIPTION = (
    "R-EMP-1: the employer files the separation list within 7 days, the law's maximum is 15 "
    "(the province's parameters in force when the notice was filed). "
    "`on_time`: filed within 7 days. "
    "`late`: after 7 days, i.e. every notice that broke the 7-day rule, those inside the 15-day "
    "maximum included (until issue 8 it listed only those beyond 15 days). "
    "`beyond_legal_maximum`: after 15 days (what `late` used to list). "
    "`within_statutory`: the same as `on_time`, kept for existing clients. "
    "`within_legal_maximum`: after 7 days but within 15, unchanged. "
    "Omitted: every notice filed in the period."
)


class EnrolmentCreate(BaseModel):
    """参保人员增加: a person hired by an insured employer (R-REG-3: within 30 days of hiring)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"id_number": "11010519491231002X", "name": "张三", "hired_on": "2026-11-02",
                 "enrolled_on": "2026-11-20", "farmer_contract_worker": False}
            ]
        },
    )

    id_number: Text = Field(description="公民身份号码 (GB 11643-1999, birth date checked)")
    name: Text = Field(min_length=1, max_length=50)
    hired_on: Date = Field(description="入职 (用工) 日期")
    enrolled_on: Date | None = Field(default=None, description="参保登记日期; today if omitted")
    farmer_contract_worker: bool = Field(default=False, description="农民合同制工人 (R-RATE-1)")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        return validate_id_number(value)

    def check_dates(self, today: dt.date) -> None:
        for name in ("hired_on", "enrolled_on"):
            not_after(getattr(self, name), today, code="date_in_future", message="日期不能晚于今天", field=name)


class SeparationCreate(BaseModel):
    """参保人员减少: the end of an employment and the employer's separation notice (R-EMP-1)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"separated_on": "2026-11-01", "reason": "contract_expired", "notified_on": "2026-11-06"}
            ]
        },
    )

    separated_on: Date = Field(description="劳动关系终止日期")
    reason: SeparationReason = Field(description="R-ELIG-2 code; only voluntary_resignation is 本人意愿")
    notified_on: Date | None = Field(
        default=None, description="单位报送减员名单的日期 (R-EMP-1); today if omitted"
    )

    def check_dates(self, today: dt.date) -> None:
        for name in ("separated_on", "notified_on"):
            not_after(getattr(self, name), today, code="date_in_future", message="日期不能晚于今天", field=name)


class EmploymentRead(BaseModel):
    id: uuid.UUID
    employer_id: uuid.UUID
    person_id: uuid.UUID
    id_number_masked: str
    name_masked: str
    hired_on: dt.date
    enrolled_on: dt.date
    farmer_contract_worker: bool
    late_enrolment: bool = Field(description="R-REG-3: enrolled more than 30 days after hiring")
    separated_on: dt.date | None
    separation_reason: SeparationReason | None
    involuntary: bool | None = Field(description="R-ELIG-2: 非因本人意愿 (None while employed)")
    separation_notified_on: dt.date | None
    separation_notice_timeliness: NoticeTimeliness | None = Field(
        description="R-EMP-1 class of the notice: within_statutory (≤ 7 days), "
        "within_legal_maximum (8–15), beyond_legal_maximum (beyond the law's 15 days)"
    )
    created_at: dt.datetime


class PersonEmploymentRead(BaseModel):
    """One insured employment of a person (参保就业登记), for cross-checks by other services
    (R-FRAUD-1). Internal IDs and dates only: no personal data."""

    employment_id: uuid.UUID
    employer_id: uuid.UUID
    hired_on: dt.date
    enrolled_on: dt.date
    separated_on: dt.date | None
