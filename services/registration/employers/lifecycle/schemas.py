from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from services.registration.employers.changes.schemas import ChangeRead
from services.registration.employers.schemas import CertificateRead, Document
from shared.inputs import Date, MultilineText, StrictInt, Text


class DeregistrationReason(str, enum.Enum):
    """注销登记的情形 (seed chapter 2, form 2-4)."""

    DISSOLVED = "dissolved"  # 解散
    BANKRUPT = "bankrupt"  # 破产
    REVOKED = "revoked"  # 撤销
    MERGED = "merged"  # 合并
    OTHER_TERMINATION = "other_termination"  # 其他情形, 依法终止缴费义务
    LICENCE_CANCELLED = "licence_cancelled"  # 营业执照注销或被吊销
    RELOCATED = "relocated"  # 住所或经营地址变动, 改变登记机构
    OTHER_LEGAL_GROUNDS = "other_legal_grounds"  # 法律、法规规定的其他情形


class DeregistrationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "reason": "dissolved",
                    "effective_on": "2026-11-20",
                    "note": "股东会决议解散",
                    "documents": [{"kind": "deregistration_document", "title": "注销登记通知书",
                                   "received_on": "2026-11-20"}],
                }
            ]
        },
    )

    reason: DeregistrationReason
    effective_on: Date
    note: Text | None = Field(default=None, max_length=500)
    documents: list[Document] = Field(default_factory=list, max_length=30)


class CertificateReplacementCreate(BaseModel):
    """补证: a lost certificate is voided and a new number issued."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"request_key": "BZ-2026-0001", "reported_lost_on": "2026-11-20", "note": "办公室搬迁时遗失"}]
        },
    )

    request_key: Text = Field(min_length=1, max_length=64, examples=["BZ-2026-0001"])
    reported_lost_on: Date
    note: Text | None = Field(default=None, max_length=500, examples=["办公室搬迁时遗失"])


class CertificateRenewalCreate(BaseModel):
    """换证: at the end of the validity period, after a passed verification."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra={"examples": [{"request_key": "HZ-2026-0001"}]}
    )

    request_key: Text = Field(min_length=1, max_length=64, examples=["HZ-2026-0001"])


class VerificationOutcome(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"


class VerificationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"year": 2026, "outcome": "passed", "notes": "资料齐全, 核验通过"}]},
    )

    year: StrictInt = Field(ge=1990, le=2200)
    outcome: VerificationOutcome
    notes: MultilineText | None = Field(default=None, max_length=1000)


class LastVerification(BaseModel):
    year: int
    outcome: VerificationOutcome
    verified_at: dt.datetime


class VerificationReport(BaseModel):
    """Form 2-5 checks: registration and change history, last verification, insured headcount,
    declared wages vs. paid contributions."""

    employer_id: uuid.UUID
    year: int
    status: str
    accepted_on: dt.date | None
    decided_at: dt.datetime | None
    certificate_number: str | None
    changes_in_year: list[ChangeRead]
    last_verification: LastVerification | None
    headcount_start: int = Field(description="insured staff on 1 January")
    headcount_end: int = Field(description="insured staff on 31 December (or today)")
    headcount_change: int
    declared_base_total: Decimal = Field(description="申报缴费工资 (bases declared for the year's months)")
    assessed_total: Decimal = Field(description="应缴 (contributions due for the year's months)")
    paid_total: Decimal = Field(description="实缴")
    unpaid_total: Decimal


class VerificationRead(BaseModel):
    id: uuid.UUID
    employer_id: uuid.UUID
    year: int
    outcome: VerificationOutcome
    notes: str | None
    report: VerificationReport
    verified_by: str
    verified_at: dt.datetime


class CertificateList(BaseModel):
    certificates: list[CertificateRead]
