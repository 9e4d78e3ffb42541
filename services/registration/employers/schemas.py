from __future__ import annotations

import datetime as dt
import enum
import re
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from services.registration.employers.uscc import check_uscc
from shared.ids import validate_district, validate_id_number
from shared.validation import not_after
from shared.inputs import Date, FoundingDate, Text

_PHONE_RE = re.compile(r"^[0-9+\-]{7,20}$")
_BANK_ACCOUNT_RE = re.compile(r"^[0-9]{8,30}$")


class UnitType(str, enum.Enum):
    """单位类型 (form 2-1)."""

    ENTERPRISE = "enterprise"  # 企业
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    GOVERNMENT_AGENCY = "government_agency"  # 机关
    SOCIAL_ORGANISATION = "social_organisation"  # 社会团体
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise"  # 民办非企业单位
    INDIVIDUAL_BUSINESS = "individual_business"  # 有雇工的个体工商户
    OTHER = "other"


class DocumentKind(str, enum.Enum):
    BUSINESS_LICENCE = "business_licence"  # 营业执照、批准成立证件或其他核准执业证件
    ORGANISATION_CODE = "organisation_code_certificate"  # 组织机构统一代码证书
    SOCIAL_INSURANCE_CERTIFICATE = "social_insurance_certificate"  # 社会保险登记证
    CHANGE_RECORD = "business_change_record"  # 工商变更登记表
    DEREGISTRATION_DOCUMENT = "deregistration_document"  # 注销文件
    OTHER = "other"


class EmployerStatus(str, enum.Enum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    DEREGISTERED = "deregistered"  # sealed (封存)


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text = Field(min_length=1, max_length=50, examples=["王五"])
    phone: Text = Field(examples=["0731-88880000"])
    role: Text | None = Field(default=None, max_length=50, examples=["社保专管员"])

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if not _PHONE_RE.match(value):
            raise ValueError("invalid_phone: 联系电话格式错误")
        return value


class Document(BaseModel):
    """Metadata of a submitted document; the paper is archived (归档) by the agency."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: DocumentKind
    title: Text = Field(min_length=1, max_length=200, examples=["营业执照副本"])
    received_on: Date


class StaffMember(BaseModel):
    """One row of form 2-2 (参加失业保险人员情况表)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id_number: Text = Field(examples=["11010519491231002X"])
    name: Text = Field(min_length=1, max_length=50)
    hired_on: Date
    farmer_contract_worker: bool = Field(default=False, description="农民合同制工人 (R-RATE-1)")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        return validate_id_number(value)



def validate_bank_account(value: str) -> str:
    compact = value.replace(" ", "")
    if not _BANK_ACCOUNT_RE.match(compact):
        raise ValueError("invalid_bank_account: 银行账号应为8至30位数字")
    return compact


class EmployerCreate(BaseModel):
    """参保登记: form 2-1 (社会保险登记表) and form 2-2 (the staff to insure)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "uscc": "91430102MA4L000072",
                    "name": "长沙某科技有限公司",
                    "address": "长沙市芙蓉区五一大道1号",
                    "legal_representative": "赵六",
                    "unit_type": "enterprise",
                    "supervising_department": None,
                    "affiliation": "区属",
                    "bank_name": "中国工商银行长沙五一路支行",
                    "bank_account": "6222020200001234567",
                    "contacts": [{"name": "王五", "phone": "0731-88880000", "role": "社保专管员"}],
                    "district": "430102",
                    "founded_on": "2026-09-01",
                    "existing_certificate_number": None,
                    "documents": [
                        {"kind": "business_licence", "title": "营业执照副本", "received_on": "2026-09-20"}
                    ],
                    "staff": [
                        {"id_number": "11010519491231002X", "name": "张三", "hired_on": "2026-09-01"}
                    ],
                }
            ]
        },
    )

    uscc: Text = Field(description="统一社会信用代码 (GB 32100-2015)")
    uscc_check_override_reason: Text | None = Field(
        default=None,
        max_length=500,
        description="Case managers only: accept a real code whose check character fails, with why "
        "(audited)",
    )
    name: Text = Field(min_length=1, max_length=200, description="单位名称")
    address: Text = Field(min_length=1, max_length=300, description="住所或地址")
    legal_representative: Text = Field(min_length=1, max_length=50, description="法定代表人或负责人")
    unit_type: UnitType
    supervising_department: Text | None = Field(default=None, max_length=200, description="主管部门")
    affiliation: Text | None = Field(default=None, max_length=100, description="隶属关系")
    bank_name: Text = Field(min_length=1, max_length=200, description="开户银行")
    bank_account: Text = Field(description="开户银行账号")
    contacts: list[Contact] = Field(min_length=1, max_length=10)
    district: Text | None = Field(default=None, description="行政区划代码; the service point's own if omitted")
    founded_on: FoundingDate | None = Field(default=None, description="成立日期 (R-REG-3: register within 30 days)")
    existing_certificate_number: Text | None = Field(
        default=None,
        max_length=40,
        description="已参加养老、医疗保险的社会保险登记证编号: annotated instead of a new certificate",
    )
    documents: list[Document] = Field(default_factory=list, max_length=30)
    staff: list[StaffMember] = Field(default_factory=list, max_length=2000)

    @field_validator("uscc")
    @classmethod
    def _uscc_format(cls, value: str) -> str:
        # The check character is judged in the service: a case manager may override it.
        return check_uscc(value)[0]

    @field_validator("bank_account")
    @classmethod
    def _bank_account(cls, value: str) -> str:
        return validate_bank_account(value)

    @field_validator("district")
    @classmethod
    def _district(cls, value: str | None) -> str | None:
        return None if value is None else validate_district(value)

    def check_dates(self, today: dt.date) -> None:
        """Against China's today (R-TIME-1), by the service with its clock."""
        not_after(self.founded_on, today, code="founded_on_in_future", message="成立日期不能晚于今天", field="founded_on")
        for index, member in enumerate(self.staff):
            not_after(
                member.hired_on, today, code="date_in_future", message="入职日期不能晚于今天",
                field=f"staff.{index}.hired_on",
            )

    @field_validator("staff")
    @classmethod
    def _distinct_staff(cls, value: list[StaffMember]) -> list[StaffMember]:
        if len({s.id_number for s in value}) != len(value):
            raise ValueError("duplicate_staff_member: 参保人员名单中公民身份号码重复")
        return value

    @model_validator(mode="after")
    def _hired_after_founding(self) -> EmployerCreate:
        if self.founded_on is not None:
            for member in self.staff:
                if member.hired_on < self.founded_on:
                    raise ValueError("hired_before_founding: 参保人员入职日期早于单位成立日期")
        return self


class ReviewDecision(BaseModel):
    """The case manager's decision on a registration under review."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"approved": True, "reasons": []},
                {"approved": False, "reasons": ["营业执照复印件不清晰, 请重新提交"]},
            ]
        },
    )

    approved: bool
    reasons: list[Text] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _reasons_when_rejected(self) -> ReviewDecision:
        if not self.approved and not [r for r in self.reasons if r.strip()]:
            raise ValueError("rejection_reasons_required: 审核不通过须说明原因")
        return self


class ContactRead(BaseModel):
    name: str
    phone: str
    role: str | None = None


class CertificateRead(BaseModel):
    id: uuid.UUID
    number: str
    kind: str = Field(description="issued (首次发证) or annotated (在原登记证上标注失业保险)")
    issued_on: dt.date
    status: str = Field(description="valid, withdrawn (变更收回), voided (遗失作废), cancelled (注销缴销)")
    ended_on: dt.date | None
    end_reason: str | None


class EmployerRead(BaseModel):
    """Personal data (legal representative, bank account, contacts) masked unless the role needs it."""

    id: uuid.UUID
    uscc: str
    uscc_check_overridden: bool
    name: str
    address: str
    legal_representative: str
    unit_type: UnitType
    supervising_department: str | None
    affiliation: str | None
    bank_name: str
    bank_account: str
    contacts: list[ContactRead]
    district: str
    founded_on: dt.date | None
    existing_certificate_number: str | None
    documents: list[Document]
    other_items: dict[str, str]
    status: EmployerStatus
    accepted_on: dt.date | None
    review_due_on: dt.date | None
    review_overdue: bool
    decided_at: dt.datetime | None
    rejection_reasons: list[str] | None
    certificate_number: str | None
    deregistered_on: dt.date | None
    deregistration_reason: str | None
    review_warned_at: dt.datetime | None = Field(description="the review deadline is near")
    review_overdue_at: dt.datetime | None
    staff_listed: int = Field(description="form 2-2 rows submitted")
    late_registration: bool = Field(description="R-REG-3: submitted more than 30 days after founding")
    created_at: dt.datetime


class ReviewEscalationCreate(BaseModel):
    """Sent by the review-deadline workflow (system role)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"level": "overdue", "due_on": "2026-10-16"}]}
    )

    level: Text = Field(pattern="^(warning|overdue)$")
    due_on: Date


class ReviewRead(BaseModel):
    """The review deadline as its workflow sees it (status NOT_ACCEPTED / NOT_STARTED without one)."""

    employer_id: uuid.UUID
    workflow_id: str | None
    status: str = Field(examples=["RUNNING", "COMPLETED", "NOT_STARTED", "NOT_ACCEPTED"])
    review_due_on: dt.date | None
    warned: bool = False
    overdue: bool = False
    decided: bool = False
    approved: bool | None = None
