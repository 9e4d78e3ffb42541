from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.ids import validate_district
from shared.inputs import Date, StrictInt, Text


class _Dated(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    area_code: Text = Field(description="行政区划代码: province (430000), city (430100) or district")
    effective_from: Date
    effective_to: Date | None = Field(default=None, description="exclusive; open-ended if omitted")
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


class RatePolicyCreate(_Dated):
    """R-RATE-1/2: rates in force from a date; a reduced-rate period is a row with an end date
    (within its period the row that starts latest wins)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "area_code": "430000",
                    "effective_from": "2027-01-01",
                    "effective_to": "2028-01-01",
                    "employer_rate": "0.007",
                    "employee_rate": "0.003",
                    "source": "阶段性降低失业保险费率的通知 (示例)",
                }
            ]
        }
    )

    employer_rate: Decimal = Field(ge=0, lt=1, max_digits=7, decimal_places=6)
    employee_rate: Decimal = Field(ge=0, lt=1, max_digits=7, decimal_places=6)


class RatePolicyRead(BaseModel):
    id: int
    area_code: str
    effective_from: dt.date
    effective_to: dt.date | None
    employer_rate: Decimal
    employee_rate: Decimal
    source: str
    is_sample: bool


class CollectionPolicyCreate(_Dated):
    """Due day, late-fee rate per day (R-LATE-1) and the undeclared-month factor (R-DECL-1)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "area_code": "430000",
                    "effective_from": "2027-01-01",
                    "due_day": 15,
                    "late_fee_daily_rate": "0.0005",
                    "assessment_factor": "1.10",
                    "source": "社会保险法 第86条; 社会保险费申报缴纳管理规定 第12条",
                }
            ]
        }
    )

    due_day: StrictInt = Field(ge=1, le=28)
    late_fee_daily_rate: Decimal = Field(ge=0, lt=1, max_digits=8, decimal_places=7)
    assessment_factor: Decimal = Field(gt=0, max_digits=6, decimal_places=4)


class CollectionPolicyRead(BaseModel):
    id: int
    area_code: str
    effective_from: dt.date
    effective_to: dt.date | None
    due_day: int
    late_fee_daily_rate: Decimal
    assessment_factor: Decimal
    source: str
    is_sample: bool


class ContributionPoliciesRead(BaseModel):
    rates: list[RatePolicyRead]
    collection: list[CollectionPolicyRead]
