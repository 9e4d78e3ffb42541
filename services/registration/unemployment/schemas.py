from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.ids import validate_district, validate_id_number


class SeparationReason(str, enum.Enum):
    """Why employment ended (R-ELIG-2). Only ``voluntary_resignation`` is 本人意愿."""

    CONTRACT_EXPIRED = "contract_expired"  # 劳动合同期满未续订
    EMPLOYER_DISMISSAL = "employer_dismissal"  # 被开除、除名、辞退
    EMPLOYER_TERMINATION = "employer_termination"  # 用人单位解除劳动合同
    EMPLOYER_FAULT = "employer_fault"  # 因用人单位过错由本人解除劳动合同
    OTHER_STATUTORY = "other_statutory"  # 法律、行政法规另有规定的
    VOLUNTARY_RESIGNATION = "voluntary_resignation"  # 本人自愿离职


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

    @field_validator("separation_date")
    @classmethod
    def _separation_not_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError("separation_date_in_future: 劳动关系终止日期不能晚于今天")
        return value

    @field_validator("registration_date")
    @classmethod
    def _registration_date(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if value is None:
            return value
        if value > dt.date.today():
            raise ValueError("registration_date_in_future: 失业登记日期不能晚于今天")
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
