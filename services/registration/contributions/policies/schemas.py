from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import StrictInt
from shared.policies import EffectiveDatedCreate, EffectiveDatedRead


class RatePolicyCreate(EffectiveDatedCreate):
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


class RatePolicyRead(EffectiveDatedRead):
    employer_rate: Decimal
    employee_rate: Decimal


class CollectionPolicyCreate(EffectiveDatedCreate):
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


class CollectionPolicyRead(EffectiveDatedRead):
    due_day: int
    late_fee_daily_rate: Decimal
    assessment_factor: Decimal


class ContributionPoliciesRead(BaseModel):
    rates: list[RatePolicyRead]
    collection: list[CollectionPolicyRead]
