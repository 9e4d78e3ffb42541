from __future__ import annotations


from pydantic import ConfigDict, Field, model_validator

from shared.inputs import StrictInt
from shared.policies import EffectiveDatedCreate, EffectiveDatedRead


class RegistrationPolicyCreate(EffectiveDatedCreate):
    """Employer-registration parameters in force from a date (within its period the row that
    starts latest wins; the most specific area wins: district, then city, then province)."""

    model_config = ConfigDict(
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

    review_working_days: StrictInt = Field(ge=1, le=60, description="审核时限 (working days, R-REG-1)")
    review_warning_working_days: StrictInt = Field(ge=0, le=30, description="warn this many working days before")
    enrolment_deadline_days: StrictInt = Field(ge=1, le=365, description="R-REG-3: days after hiring / founding")
    separation_notice_days: StrictInt = Field(ge=1, le=60, description="R-EMP-1: 条例's 7 days")
    separation_notice_max_days: StrictInt = Field(ge=1, le=60, description="R-EMP-1: 社保法's 15 days")

    @model_validator(mode="after")
    def _notice_order(self) -> RegistrationPolicyCreate:
        if self.separation_notice_max_days < self.separation_notice_days:
            raise ValueError("invalid_notice_days: 法定最长报送期限不能短于条例规定的期限")
        if self.review_warning_working_days >= self.review_working_days:
            raise ValueError("invalid_warning_days: 预警工作日数须少于审核时限")
        return self


class RegistrationPolicyRead(EffectiveDatedRead):
    review_working_days: int
    review_warning_working_days: int
    enrolment_deadline_days: int
    separation_notice_days: int
    separation_notice_max_days: int
