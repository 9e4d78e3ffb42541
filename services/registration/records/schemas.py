from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from contracts.calendar import YearMonth
from services.registration.contributions.schemas import ContributionMonth
from shared.inputs import Money, Text
from shared.validation import not_after


class ContributionRecordEntryRead(BaseModel):
    """One entry of a person's contribution record (个人缴费记录). Internal IDs only."""

    id: int
    employer_id: uuid.UUID
    employment_id: uuid.UUID | None
    contribution_month: ContributionMonth
    base: Decimal
    employer_amount: Decimal
    employee_amount: Decimal
    employer_share_paid: bool
    personal_share_paid: bool
    personal_share_required: bool
    # Whether the month counts toward contribution time (both shares paid, R-ELIG-1).
    counts: bool
    entry_kind: str
    corrects_id: int | None
    effective_on: dt.date
    reason: str | None
    recorded_by: str
    recorded_at: dt.datetime


class ContributionRecordMonthRead(BaseModel):
    contribution_month: ContributionMonth
    # The entry in force for each employer of the month (the latest one, R-REC-1).
    entries: list[ContributionRecordEntryRead]
    counted: bool
    cumulative_months: int


class ContributionRecordRead(BaseModel):
    """A person's month-by-month record across employers, with cumulative contribution months."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "0b6f7a52-5a8e-4b6b-9f4e-3c2d1e0f9a11",
                    "contribution_months": 1,
                    "months": [
                        {
                            "contribution_month": "2026-03",
                            "counted": True,
                            "cumulative_months": 1,
                            "entries": [
                                {
                                    "id": 41,
                                    "employer_id": "1b4e28ba-2fa1-4d2e-8f3a-9a3c2b1d0e11",
                                    "employment_id": "6f1c2b1e-8d0a-4c1e-9a51-0a3c9f1f2b11",
                                    "contribution_month": "2026-03",
                                    "base": "10000.00",
                                    "employer_amount": "200.00",
                                    "employee_amount": "100.00",
                                    "employer_share_paid": True,
                                    "personal_share_paid": True,
                                    "personal_share_required": True,
                                    "counts": True,
                                    "entry_kind": "payment",
                                    "corrects_id": None,
                                    "effective_on": "2026-04-25",
                                    "reason": None,
                                    "recorded_by": "财务",
                                    "recorded_at": "2026-04-25T10:00:00+08:00",
                                }
                            ],
                        }
                    ],
                    "history": None,
                }
            ]
        }
    )

    person_id: uuid.UUID
    contribution_months: int
    months: list[ContributionRecordMonthRead]
    # Every entry ever written, corrections included, when asked for (?history=true).
    history: list[ContributionRecordEntryRead] | None = None


class ContributionCorrectionCreate(BaseModel):
    """更正: a new entry that supersedes the one in force for that employer and month (R-REC-1).

    ``request_key`` makes a retried request harmless (the same key and content → 200)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "request_key": "corr-2026-0001",
                    "employer_id": "1b4e28ba-2fa1-4d2e-8f3a-9a3c2b1d0e11",
                    "contribution_month": "2025-03",
                    "base": "10000.00",
                    "employer_amount": "200.00",
                    "employee_amount": "100.00",
                    "employer_share_paid": True,
                    "personal_share_paid": True,
                    "reason": "据单位缴费凭证补记: 原记录遗漏",
                }
            ]
        },
    )

    request_key: Text = Field(min_length=1, max_length=100)
    employer_id: uuid.UUID
    employment_id: uuid.UUID | None = None
    contribution_month: ContributionMonth
    base: Money = Field(ge=0)
    employer_amount: Money = Field(ge=0)
    employee_amount: Money = Field(ge=0)
    employer_share_paid: bool
    personal_share_paid: bool
    reason: Text = Field(min_length=1, max_length=500, description="更正理由及依据")

    def check_dates(self, today: dt.date) -> None:
        not_after(
            self.contribution_month, YearMonth.of(today).first_day, code="contribution_month_in_future",
            message="不能更正未来月份的缴费记录", field="contribution_month",
        )


class InsuranceSpellRead(BaseModel):
    employer_id: uuid.UUID
    first_month: ContributionMonth
    last_month: ContributionMonth
    months: int


class InsuranceHistoryRead(BaseModel):
    """What the benefits service decides a claim on (R-ELIG-1, R-DUR-1). Internal IDs only."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person_id": "0b6f7a52-5a8e-4b6b-9f4e-3c2d1e0f9a11",
                    "as_of": "2026-11-01",
                    "contribution_months": 30,
                    "spells": [
                        {"employer_id": "1b4e28ba-2fa1-4d2e-8f3a-9a3c2b1d0e11", "first_month": "2023-01",
                         "last_month": "2024-06", "months": 18},
                        {"employer_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "first_month": "2025-11",
                         "last_month": "2026-10", "months": 12},
                    ],
                    "last_employer_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                }
            ]
        }
    )

    person_id: uuid.UUID
    as_of: dt.date
    contribution_months: int
    spells: list[InsuranceSpellRead]
    last_employer_id: uuid.UUID | None


class StatementLineRead(BaseModel):
    contribution_month: ContributionMonth
    employer_id: uuid.UUID
    base: Decimal
    employer_amount: Decimal
    employee_amount: Decimal
    counts: bool


class ContributionStatementRead(BaseModel):
    """个人缴费对账单 for a year (R-REC-1): the entries in force, the year's totals and the
    contribution months accumulated by the end of the year."""

    person_id: uuid.UUID
    year: int
    lines: list[StatementLineRead]
    employer_amount_total: Decimal
    employee_amount_total: Decimal
    months_counted: int
    cumulative_months: int


class HireFoundRead(BaseModel):
    """A new job found in the contribution record of a person with an open unemployment
    registration. Internal IDs and the unit's name only (no personal data)."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    employer_id: uuid.UUID
    employer_name: str
    employment_id: uuid.UUID
    hired_on: dt.date
    first_month: ContributionMonth
    # What the employment service keeps as the placement's evidence.
    evidence_ref: str
    recorded_at: dt.datetime
