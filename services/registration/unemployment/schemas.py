from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from shared.ids import validate_district, validate_id_number, working_age_from
from shared.inputs import Date, Text
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


class RegistrationBasis(str, enum.Enum):
    """R-SPELL-1 / R-UREG-1: why the person registers."""

    INSURED_SEPARATION = "insured_separation"  # 参保职工失业: may claim benefit (R-ELIG-1)
    RESIDENCE = "residence"  # 常住地失业登记 without an insured separation: employment services only


class ResidenceCategory(str, enum.Enum):
    GRADUATE = "graduate"  # 高校毕业生等新成长失业青年
    CLOSED_BUSINESS = "closed_business"  # 个体工商户、企业经营者停业关闭
    OTHER_WITHOUT_INSURED_WORK = "other_without_insured_work"  # 其他无参保就业经历的失业人员


class SpellEndReason(str, enum.Enum):
    """R-SPELL-1: why a 失业登记 ended (注销失业登记)."""

    RE_EMPLOYED = "re_employed"  # 实现就业 (含自主创业、灵活就业)
    CLAIM_REJECTED = "claim_rejected"  # 失业保险金申领不予核准
    CLAIM_INCOMPLETE = "claim_incomplete"  # 逾期未补正材料, 申领终止办理 (R-RFI-1)
    ENTITLEMENT_EXHAUSTED = "entitlement_exhausted"  # 领取期满
    BENEFIT_STOPPED = "benefit_stopped"  # 停发待遇 (其他法定情形)
    TRANSFERRED_OUT = "transferred_out"  # 转出统筹地区
    DIED = "died"  # 死亡
    PENSION = "pension"  # 享受基本养老保险待遇
    ENLISTED = "enlisted"  # 应征服兵役
    EMIGRATED = "emigrated"  # 移居境外
    IMPRISONED = "imprisoned"  # 被判刑收监执行
    REFUSED_SERVICES = "refused_services"  # 无正当理由拒绝公共就业服务
    NO_CONTACT = "no_contact"  # 连续6个月未与公共就业服务机构联系
    NO_LONGER_SEEKING = "no_longer_seeking"  # 本人不再有就业愿望
    INCAPACITY = "incapacity"  # 完全丧失劳动能力
    ENROLLED_IN_EDUCATION = "enrolled_in_education"  # 入学
    OTHER = "other"  # 其他法定情形


# What a service point or a case manager may record by hand (a residence registration has no
# claim, so no journey ends it by a benefits decision). Ends tied to a claim come from the journey.
MANUAL_END_REASONS = frozenset(SpellEndReason) - {
    SpellEndReason.CLAIM_REJECTED,
    SpellEndReason.CLAIM_INCOMPLETE,
    SpellEndReason.ENTITLEMENT_EXHAUSTED,
    SpellEndReason.BENEFIT_STOPPED,
    SpellEndReason.TRANSFERRED_OUT,
}


class UnemploymentRegistrationCreate(BaseModel):
    """失业登记 (R-UREG-1), recorded by a street or community service point."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id_number: Text = Field(description="公民身份号码 (GB 11643-1999)", examples=["11010519491231002X"])
    name: Text = Field(min_length=1, max_length=50, description="姓名")
    district: Text | None = Field(
        default=None, description="行政区划代码; defaults to the service point's own district"
    )
    basis: RegistrationBasis = Field(
        default=RegistrationBasis.INSURED_SEPARATION,
        description="insured_separation: 参保职工失业 (may claim benefit); residence: 常住地失业登记 "
        "without an insured separation (employment services only, R-SPELL-1)",
    )
    residence_category: ResidenceCategory | None = Field(
        default=None,
        validate_default=True,
        description="basis=residence only: graduate / closed_business / other_without_insured_work",
    )
    separation_date: Date | None = Field(
        default=None, validate_default=True, description="劳动关系终止日期 (insured_separation)"
    )
    separation_reason: SeparationReason | None = Field(
        default=None, validate_default=True, description="R-ELIG-2 code (insured_separation)"
    )
    registration_date: Date | None = Field(default=None, description="失业登记日期; today if omitted")
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

    @field_validator("residence_category")
    @classmethod
    def _category_by_basis(cls, value: ResidenceCategory | None, info: ValidationInfo) -> ResidenceCategory | None:
        residence = info.data.get("basis") is RegistrationBasis.RESIDENCE
        if residence and value is None:
            raise ValueError("residence_category_required: 常住地失业登记须填写人员类别")
        if not residence and value is not None:
            raise ValueError("residence_category_not_allowed: 仅常住地失业登记填写人员类别")
        return value

    @field_validator("separation_date", "separation_reason", "employment_id")
    @classmethod
    def _separation_by_basis(cls, value: object, info: ValidationInfo) -> object:
        """An insured separation has its date and reason (R-ELIG-2); a residence registration
        (R-SPELL-1) has no separation at all."""
        basis = info.data.get("basis")
        if basis is RegistrationBasis.RESIDENCE and value is not None:
            raise ValueError("separation_not_allowed: 常住地失业登记没有参保离职, 不填写离职日期、原因或参保关系")
        if basis is RegistrationBasis.INSURED_SEPARATION and value is None and info.field_name != "employment_id":
            raise PydanticCustomError("missing", "参保职工失业登记须填写此项")
        return value

    @field_validator("separation_date")
    @classmethod
    def _separation_in_working_life(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        """No separation before the person could be employed (16, 劳动法 第15条)."""
        number = info.data.get("id_number")
        if value is not None and number is not None and value < working_age_from(number):
            raise ValueError("separation_before_working_age: 劳动关系终止日期早于公民身份号码所示出生日期满16周岁之日")
        return value

    @field_validator("registration_date")
    @classmethod
    def _registration_date(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if value is None:
            return value
        separation = info.data.get("separation_date")
        if separation is not None and value < separation:
            raise ValueError("registration_before_separation: 失业登记日期不能早于劳动关系终止日期")
        return value


class RegistrationEndCreate(BaseModel):
    """注销失业登记 (R-SPELL-1): the day the spell ended and why. Repeating it changes nothing."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ended_on: Date = Field(description="失业登记终止日期; a hire may be recorded up to 31 days ahead")
    reason: SpellEndReason
    evidence_ref: Text | None = Field(
        default=None, min_length=1, max_length=200, description="依据, e.g. placement:<id> or claim:<id>"
    )


class UnemploymentRegistrationRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    id_number_masked: str
    name_masked: str
    district: str
    basis: RegistrationBasis
    residence_category: ResidenceCategory | None
    separation_date: dt.date | None
    separation_reason: SeparationReason | None
    registration_date: dt.date
    # open | closed (R-SPELL-1): closed once the spell ended, with its date and reason.
    status: str
    ended_on: dt.date | None
    end_reason: SpellEndReason | None
    end_evidence_ref: str | None
    journey_workflow_id: str
    created_at: dt.datetime
    # Separation facts: the employment this registration follows (employer's record, R-EMP-1)
    # or only the applicant's statement; none for a residence registration.
    separation_source: SeparationSource | None
    employment_id: uuid.UUID | None
    employer_id: uuid.UUID | None
    record_separation_date: dt.date | None
    record_separation_reason: SeparationReason | None
    # False when the stated date or reason differs from the employer's record: for the case manager.
    separation_matches_record: bool | None
    # An insured employment still open on the registration date (the person may not be unemployed).
    employed_per_records: bool
