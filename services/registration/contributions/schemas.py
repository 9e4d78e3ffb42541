from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from contracts.calendar import YearMonth, calendar_month
from shared.inputs import Date, Money, Text, month_type
from shared.inputs import parse_month as shared_parse_month
from shared.validation import not_after

EARLIEST_CONTRIBUTION_MONTH = dt.date(1990, 1, 1)


def parse_month(value: Any) -> dt.date:
    """``"2026-03"`` → ``date(2026, 3, 1)``: a contribution month is its first day."""
    if isinstance(value, dt.date):
        return YearMonth.of(value).first_day
    return shared_parse_month(value, code="invalid_contribution_month", earliest=EARLIEST_CONTRIBUTION_MONTH)


parse_month.checks_month = True  # type: ignore[attr-defined]  # a range: 1990-01 … 2099-12

ContributionMonth = Annotated[
    dt.date,
    BeforeValidator(parse_month),
    PlainSerializer(calendar_month, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^(199\d|20\d\d)-(0[1-9]|1[0-2])$", "examples": ["2026-03"]}),
]
# The same month as text (a path parameter): checked with the same code, kept as "YYYY-MM".
ContributionMonthText = month_type("invalid_contribution_month", earliest=EARLIEST_CONTRIBUTION_MONTH)


class DeclarationLineCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    employment_id: uuid.UUID = Field(description="参保人员在本单位的参保关系 (employment)")
    base: Money = Field(ge=0, description="缴费基数 (元)", examples=["10000.00"])


class DeclarationCreate(BaseModel):
    """月度缴费申报 (R-DECL-1): each insured person's contribution base for one month."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "contribution_month": "2026-03",
                    "lines": [
                        {"employment_id": "6f1c2b1e-8d0a-4c1e-9a51-0a3c9f1f2b11", "base": "10000.00"}
                    ],
                }
            ]
        },
    )

    contribution_month: ContributionMonth
    lines: list[DeclarationLineCreate] = Field(min_length=1, max_length=100_000)

    def check_dates(self, today: dt.date) -> None:
        not_after(
            self.contribution_month, YearMonth.of(today).first_day, code="contribution_month_in_future",
            message="不能申报未来月份的缴费", field="contribution_month",
        )

    @field_validator("lines")
    @classmethod
    def _one_line_per_employment(cls, lines: list[DeclarationLineCreate]) -> list[DeclarationLineCreate]:
        seen: set[uuid.UUID] = set()
        for line in lines:
            if line.employment_id in seen:
                raise ValueError("duplicate_employment: 同一参保人员在一次申报中只能出现一次")
            seen.add(line.employment_id)
        return lines


class DeclarationKind(str, enum.Enum):
    DECLARED = "declared"  # 单位申报
    ASSESSED = "assessed"  # 未申报, 按上月缴费额的 110% 核定 (R-DECL-1)
    SETTLED = "settled"  # 核定后单位补办申报, 按申报结算 (R-DECL-1)


class DeclarationLineRead(BaseModel):
    employment_id: uuid.UUID
    person_id: uuid.UUID
    base: Decimal
    farmer_contract_worker: bool
    employer_amount: Decimal
    employee_amount: Decimal


class DeclarationRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3f2a1c4e-0b1d-4e6f-9a7b-2c3d4e5f6a7b",
                    "employer_id": "1b4e28ba-2fa1-4d2e-8f3a-9a3c2b1d0e11",
                    "contribution_month": "2026-03",
                    "kind": "declared",
                    "declared_on": "2026-04-08",
                    "due_date": "2026-04-15",
                    "employer_rate": "0.020000",
                    "employee_rate": "0.010000",
                    "late_fee_daily_rate": "0.0005000",
                    "assessed_from_id": None,
                    "headcount": 1,
                    "base_total": "10000.00",
                    "employer_amount": "200.00",
                    "employee_amount": "100.00",
                    "total_amount": "300.00",
                    "paid_amount": "0.00",
                    "outstanding_amount": "300.00",
                    "created_by": "芙蓉区服务点",
                    "created_at": "2026-04-08T09:30:00+08:00",
                    "lines": [
                        {
                            "employment_id": "6f1c2b1e-8d0a-4c1e-9a51-0a3c9f1f2b11",
                            "person_id": "0b6f7a52-5a8e-4b6b-9f4e-3c2d1e0f9a11",
                            "base": "10000.00",
                            "farmer_contract_worker": False,
                            "employer_amount": "200.00",
                            "employee_amount": "100.00",
                        }
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    employer_id: uuid.UUID
    contribution_month: ContributionMonth
    kind: DeclarationKind
    declared_on: dt.date
    due_date: dt.date
    employer_rate: Decimal
    employee_rate: Decimal
    late_fee_daily_rate: Decimal
    assessed_from_id: uuid.UUID | None
    settled_on: dt.date | None = None
    headcount: int
    base_total: Decimal
    employer_amount: Decimal
    employee_amount: Decimal
    total_amount: Decimal
    paid_amount: Decimal
    outstanding_amount: Decimal
    created_by: str
    created_at: dt.datetime
    lines: list[DeclarationLineRead] | None = None


class AssessmentCreate(BaseModel):
    """核定: an undeclared month assessed at 110% of the previous month's amount (R-DECL-1)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"contribution_month": "2026-04"}]}
    )

    contribution_month: ContributionMonth


class PaymentKind(str, enum.Enum):
    CONTRIBUTION = "contribution"  # 失业保险费 (one contribution month)
    LATE_FEE = "late_fee"  # 滞纳金 (R-LATE-1)
    FINE = "fine"  # 罚款


class PaymentCreate(BaseModel):
    """A payment received; ``reference`` (the bank voucher number) makes a retry harmless."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "reference": "BANK-20260425-0001",
                    "kind": "contribution",
                    "contribution_month": "2026-03",
                    "amount": "300.00",
                    "paid_on": "2026-04-25",
                }
            ]
        },
    )

    reference: Text = Field(min_length=1, max_length=100, description="缴款凭证号")
    kind: PaymentKind
    amount: Money = Field(gt=0)
    paid_on: Date
    contribution_month: ContributionMonth | None = Field(default=None, validate_default=True)
    fine_id: uuid.UUID | None = Field(default=None, validate_default=True)

    def check_dates(self, today: dt.date) -> None:
        not_after(self.paid_on, today, code="paid_on_in_future", message="缴款日期不能晚于今天", field="paid_on")

    @field_validator("contribution_month")
    @classmethod
    def _month_iff_contribution(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        kind = info.data.get("kind")
        if kind is PaymentKind.CONTRIBUTION and value is None:
            raise ValueError("contribution_month_required: 缴纳失业保险费须注明缴费月份")
        if kind is not None and kind is not PaymentKind.CONTRIBUTION and value is not None:
            raise ValueError("contribution_month_not_allowed: 仅缴纳失业保险费时填写缴费月份")
        return value

    @field_validator("fine_id")
    @classmethod
    def _fine_iff_fine(cls, value: uuid.UUID | None, info: ValidationInfo) -> uuid.UUID | None:
        kind = info.data.get("kind")
        if kind is PaymentKind.FINE and value is None:
            raise ValueError("fine_id_required: 缴纳罚款须注明罚款决定")
        if kind is not None and kind is not PaymentKind.FINE and value is not None:
            raise ValueError("fine_id_not_allowed: 仅缴纳罚款时填写罚款决定")
        return value


class PaymentRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
                    "employer_id": "1b4e28ba-2fa1-4d2e-8f3a-9a3c2b1d0e11",
                    "reference": "BANK-20260425-0001",
                    "kind": "contribution",
                    "contribution_month": "2026-03",
                    "fine_id": None,
                    "amount": "300.00",
                    "paid_on": "2026-04-25",
                    "days_late": 10,
                    "late_fee": "1.50",
                    "created_by": "财务",
                    "created_at": "2026-04-25T10:00:00+08:00",
                }
            ]
        }
    )

    id: uuid.UUID
    employer_id: uuid.UUID
    reference: str
    kind: PaymentKind
    contribution_month: ContributionMonth | None
    fine_id: uuid.UUID | None
    amount: Decimal
    paid_on: dt.date
    days_late: int
    late_fee: Decimal
    created_by: str
    created_at: dt.datetime


class FineGround(str, enum.Enum):
    LATE_PAYMENT = "late_payment"  # 社保法 86: 逾期仍不缴纳, 1–3× the arrears (R-LATE-1)
    OTHER_STATUTORY = "other_statutory"  # another legal ground, not tied to arrears


class FineCreate(BaseModel):
    """罚款 (R-LATE-1: 1–3× the arrears), decided elsewhere and recorded here as an item."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "decision_reference": "湘人社罚〔2026〕12号",
                    "decided_on": "2026-06-01",
                    "amount": "900.00",
                    "reason": "逾期仍不缴纳失业保险费, 处欠缴数额一倍罚款",
                }
            ]
        },
    )

    decision_reference: Text = Field(min_length=1, max_length=100, description="处罚决定书文号")
    ground: FineGround = Field(
        default=FineGround.LATE_PAYMENT,
        description="late_payment: 逾期仍不缴纳 (1–3× the overdue contributions, R-LATE-1); other_statutory",
    )
    decided_on: Date
    amount: Money = Field(gt=0)
    reason: Text = Field(min_length=1, max_length=500)

    def check_dates(self, today: dt.date) -> None:
        not_after(
            self.decided_on, today, code="decided_on_in_future", message="处罚决定日期不能晚于今天", field="decided_on"
        )


class FineRead(BaseModel):
    id: uuid.UUID
    employer_id: uuid.UUID
    decision_reference: str
    decided_on: dt.date
    amount: Decimal
    reason: str
    ground: FineGround
    paid_amount: Decimal
    outstanding_amount: Decimal
    created_by: str
    created_at: dt.datetime


class ArrearsMonthRead(BaseModel):
    contribution_month: ContributionMonth
    kind: DeclarationKind
    due_date: dt.date
    amount_due: Decimal
    paid: Decimal
    outstanding: Decimal
    days_overdue: int
    # Late fees charged on late payments of this month plus those accruing on what is still unpaid.
    late_fee_charged: Decimal
    late_fee_accruing: Decimal


class ArrearsStatementRead(BaseModel):
    """欠费明细: what an employer owes on a date (contributions, late fees, fines)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "employer_id": "1b4e28ba-2fa1-4d2e-8f3a-9a3c2b1d0e11",
                    "as_of": "2026-05-25",
                    "months": [
                        {
                            "contribution_month": "2026-03",
                            "kind": "declared",
                            "due_date": "2026-04-15",
                            "amount_due": "300.00",
                            "paid": "100.00",
                            "outstanding": "200.00",
                            "days_overdue": 40,
                            "late_fee_charged": "1.55",
                            "late_fee_accruing": "4.00",
                        }
                    ],
                    "fines": [],
                    "late_fees_paid": "0.00",
                    "contributions": "200.00",
                    "late_fees": "5.55",
                    "fines_outstanding": "0.00",
                    "total": "205.55",
                }
            ]
        }
    )

    employer_id: uuid.UUID
    as_of: dt.date
    months: list[ArrearsMonthRead]
    fines: list[FineRead]
    late_fees_paid: Decimal
    contributions: Decimal
    late_fees: Decimal
    fines_outstanding: Decimal
    total: Decimal


class EmployerArrearsRead(BaseModel):
    """One line of the arrears list (欠费单位清单) that finance and case managers work through."""

    employer_id: uuid.UUID
    name: str
    district: str
    status: str
    contributions: Decimal
    late_fees: Decimal
    fines: Decimal
    total: Decimal
