from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from shared.ids import validate_district
from shared.inputs import Date, Month, StrictInt, Text

class SeparationReason(str, enum.Enum):
    """R-ELIG-2 codes, as the registration service records them. Only the last is 本人意愿."""

    CONTRACT_EXPIRED = "contract_expired"
    EMPLOYER_DISMISSAL = "employer_dismissal"
    EMPLOYER_TERMINATION = "employer_termination"
    EMPLOYER_FAULT = "employer_fault"
    OTHER_STATUTORY = "other_statutory"
    VOLUNTARY_RESIGNATION = "voluntary_resignation"


INVOLUNTARY = {r.value for r in SeparationReason} - {SeparationReason.VOLUNTARY_RESIGNATION.value}


class ContributionSpell(BaseModel):
    model_config = ConfigDict(extra="forbid")

    employer_id: uuid.UUID | None = None
    first_month: Month
    last_month: Month
    months: StrictInt = Field(ge=0, le=1200)

    @model_validator(mode="after")
    def _ordered(self) -> ContributionSpell:
        if self.last_month < self.first_month:
            raise ValueError("invalid_spell: 缴费区间的结束月份早于开始月份")
        return self


class ClaimEvidence(BaseModel):
    """The registration service's insurance history (contract item 3), kept with the claim."""

    model_config = ConfigDict(extra="forbid")

    # The registration service's answer can be passed as is: its person_id must be the claim's.
    person_id: uuid.UUID | None = None
    as_of: Date
    contribution_months: StrictInt = Field(ge=0, le=1200)
    spells: list[ContributionSpell] = Field(default_factory=list, max_length=200)
    last_employer_id: uuid.UUID | None = None
    source: Text = Field(default="registration-service", min_length=1, max_length=60)


class ConditionStatus(str, enum.Enum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class ConditionRead(BaseModel):
    code: str
    rule: str
    status: ConditionStatus
    why: str


class EligibilityRead(BaseModel):
    outcome: str  # eligible / not_eligible / unknown
    conditions: list[ConditionRead]


class EntitlementPreviewCreate(BaseModel):
    """The facts a service point has at the desk; or a person_id to take previous claims into account."""

    model_config = ConfigDict(extra="forbid")

    district: Text | None = Field(default=None, description="defaults to the service point's own district")
    person_id: uuid.UUID | None = None
    separation_date: Date
    separation_reason: SeparationReason
    registration_date: Date | None = None
    claim_date: Date | None = None
    contribution_months: StrictInt = Field(ge=0, le=1200)
    spells: list[ContributionSpell] = Field(default_factory=list, max_length=200)

    @field_validator("district")
    @classmethod
    def _district(cls, value: str | None) -> str | None:
        return None if value is None else validate_district(value)

    @field_validator("registration_date", "claim_date")
    @classmethod
    def _not_before_separation(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        separated = info.data.get("separation_date")
        if value is not None and separated is not None and value < separated:
            raise ValueError(f"{info.field_name}_before_separation: 日期不能早于离职日期")
        return value


class EntitlementRead(BaseModel):
    eligibility: EligibilityRead
    benefit_start_date: dt.date | None
    base_months: int | None
    carried_over_months: int | None
    previous_claim_id: uuid.UUID | None
    entitlement_months: int | None
    monthly_amount: Decimal | None
    rules: list[str]
    explanation: list[str]
