from __future__ import annotations

import datetime as dt
import enum
import uuid

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from services.benefits.corrections.schemas import CorrectedTerms
from shared.inputs import Date, Text


class AppealKind(str, enum.Enum):
    RECONSIDERATION = "reconsideration"  # 行政复议
    LITIGATION = "litigation"  # 行政诉讼


class AppealOutcome(str, enum.Enum):
    """R-APPEAL-1: what the reconsideration body or the court decided."""

    UPHELD = "upheld"  # 维持
    REVOKED = "revoked"  # 撤销
    CHANGED = "changed"  # 变更
    DECLARED_UNLAWFUL = "declared_unlawful"  # 确认违法
    REDECIDE = "redecide"  # 责令重新作出行政行为


class AppealStatus(str, enum.Enum):
    OPEN = "open"  # no outcome yet
    DECIDED = "decided"


class AppealCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    notice_id: uuid.UUID = Field(description="the written decision appealed against (GET /claims/{id}/decision-notices)")
    kind: AppealKind
    lodged_on: Date = Field(description="申请复议或起诉之日: checked against the window (R-APPEAL-1, R-NOTICE-1)")
    received_on: Date = Field(description="经办机构收到申请书副本之日: the reply is due 10 days later")
    body: Text = Field(min_length=1, max_length=100, description="复议机关或人民法院")
    case_number: Text = Field(min_length=1, max_length=60, description="案号, unique per body")


class ReplyFiled(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filed_on: Date = Field(description="提交书面答复和证据之日")


class OutcomeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: AppealOutcome
    decided_on: Date = Field(description="复议决定或裁判的作出日期")
    reference: Text = Field(min_length=1, max_length=60, description="复议决定书或判决书文号")
    received_on: Date = Field(description="经办机构收到该决定之日 (redecide: the new 10-day review counts from it)")
    # changed (变更): the terms the body's decision sets; the months already paid are recomputed
    # as a correction (R-CORR-1, services/benefits/corrections/).
    changed_terms: CorrectedTerms | None = Field(default=None, description="变更后的待遇 (outcome=changed)")


class AppealRead(BaseModel):
    id: uuid.UUID
    notice_id: uuid.UUID
    notice_kind: str
    claim_id: uuid.UUID
    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: str
    kind: AppealKind
    lodged_on: dt.date
    received_on: dt.date
    body: str
    case_number: str
    recorded_by: str
    recorded_at: dt.datetime
    reply_due_on: dt.date
    reply_filed_on: dt.date | None
    reply_filed_by: str | None
    status: AppealStatus
    # While the reply is not filed (open appeals): days to its due date (negative: overdue), and
    # whether it is close enough to escalate.
    days_left: int | None
    escalated: bool
    outcome: AppealOutcome | None
    outcome_decided_on: dt.date | None
    outcome_reference: str | None
    outcome_received_on: dt.date | None
    outcome_recorded_by: str | None
    outcome_recorded_at: dt.datetime | None


class RevokedStopRead(BaseModel):
    """A stop (R-STOP-1) the body revoked, for a case manager to follow up: the journey ended with
    the stop and closed the 失业登记, so nothing pays the months from the stop date on its own. The
    person is to register again (a new spell; the new claim carries the months not drawn, R-DUR-2);
    the stop's proposed overpayments are to be waived. Open until a claim of the same person is
    opened after the outcome was recorded (``new_claim_id``)."""

    appeal_id: uuid.UUID
    claim_id: uuid.UUID
    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: str
    kind: AppealKind
    body: str
    case_number: str
    outcome_reference: str
    outcome_decided_on: dt.date
    outcome_received_on: dt.date
    outcome_recorded_at: dt.datetime
    stop_reason: str
    stop_effective_date: dt.date
    entitlement_months: int
    # R-DUR-2: benefit months paid or payable on the claim (never the calendar time that passed).
    months_drawn: int
    months_left: int
    # R-FRAUD-1: what the stop proposed to recover, still undecided (to waive now the stop is gone).
    stop_overpayments_proposed: int
    stop_overpayments_total: Decimal
    new_claim_id: uuid.UUID | None
