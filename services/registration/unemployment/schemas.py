from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.ids import validate_district, validate_id_number
from shared.validation import not_after


class SeparationReason(str, enum.Enum):
    """Why employment ended (R-ELIG-2). Only ``voluntary_resignation`` is 本人意愿."""

    CONTRACT_EXPIRED = "contract_expired"  # 劳动合同期满未续订
    EMPLOYER_DISMISSAL = "employer_dismissal"  # 被开除、除名、辞退
    EMPLOYER_TERMINATION = "employer_termination"  # 用人单位解除劳动合同
    EMPLOYER_FAULT = "employer_fault"  # 因用人单位过错由本人解除劳动合同
    OTHER_STATUTORY = "other_statutory"  # 法律、行政法规另有规定的
    VOLUNTARY_RESIGNATION = "voluntary_resignation"  # 本人自愿离职


class SeparationSource(str, enum.Enum):
    EMPLOYER_RECORD = "employer_record"  # linked to the employment the employer separated
    APPLICANT = "applicant"  # the person's statement only (no employment held by the agency)


class UnemploymentRegistrationCreate(BaseModel):
    """失业登记 (R-UREG-1), recorded by a street or community service point."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id_number: str = Field(description="公民身份号码 (GB 11643-1999)", examples=["11010519491231002X"])
    name: str = Field(min_length=1, max_length=50, description="姓名")
    district: str | None = Field(
        default=None, description="行政区划代码; defaults to the service point's own district"
    )
    separation_date: dt.date = Field(description="劳动关系终止日期")
    separation_reason: SeparationReason
    registration_date: dt.date | None = Field(default=None, description="失业登记日期; today if omitted")
    wants_work: bool = Field(description="有求职要求 (R-UREG-1)")
    employment_id: uuid.UUID | None = Field(
        default=None,
        description="与原单位的参保关系 (已办理减员); if omitted, the person's employment that ended "
        "on separation_date is linked when the agency holds one",
    )

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        return validate_id_number(value)

    @field_validator("district")
    @classmethod
    def _district(cls, value: str | None) -> str | None:
        return None if value is None else validate_district(value)

    @field_validator("wants_work")
    @classmethod
    def _wants_work(cls, value: bool) -> bool:
        if not value:
            raise ValueError("not_seeking_work: 失业登记须本人有求职要求 (R-UREG-1)")
        return value

    def check_dates(self, today: dt.date) -> None:
        not_after(
            self.separation_date, today, code="separation_date_in_future",
            message="劳动关系终止日期不能晚于今天", field="separation_date",
        )
        not_after(
            self.registration_date, today, code="registration_date_in_future",
            message="失业登记日期不能晚于今天", field="registration_date",
        )

    @field_validator("registration_date")
    @classmethod
    def _registration_date(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if value is None:
            return value
        separation = info.data.get("separation_date")
        if separation is not None and value < separation:
            raise ValueError("registration_before_separation: 失业登记日期不能早于劳动关系终止日期")
        return value


class UnemploymentRegistrationRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    id_number_masked: str
    name_masked: str
    district: str
    separation_date: dt.date
    separation_reason: SeparationReason
    registration_date: dt.date
    status: str
    journey_workflow_id: str
    created_at: dt.datetime
    # Separation facts: the employment this registration follows (employer's record, R-EMP-1)
    # or only the applicant's statement.
    separation_source: SeparationSource
    employment_id: uuid.UUID | None
    employer_id: uuid.UUID | None
    record_separation_date: dt.date | None
    record_separation_reason: SeparationReason | None
    # False when the stated date or reason differs from the employer's record: for the case manager.
    separation_matches_record: bool | None
    # An insured employment still open on the registration date (the person may not be unemployed).
    employed_per_records: bool
