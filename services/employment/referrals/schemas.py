from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.employment.vacancies.schemas import MatchReason
from shared.inputs import Date, Text


class ReferralCreate(BaseModel):
    """A suitable job (vacancy) or a training course offered to a job seeker (R-STOP-1)."""

    model_config = ConfigDict(extra="forbid")

    vacancy_id: uuid.UUID | None = None
    course_id: uuid.UUID | None = None
    job_seeker_id: uuid.UUID

    @model_validator(mode="after")
    def _one_target(self) -> "ReferralCreate":
        if (self.vacancy_id is None) == (self.course_id is None):
            raise ValueError("one_target_required: 须且只能填写岗位(vacancy_id)或培训课程(course_id)之一")
        return self


class OutcomeCreate(BaseModel):
    """介绍结果: hired (a vacancy, with the start date) or enrolled (a course), refused (reason,
    judged good or not), not suitable, or no response once the response deadline has passed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: Literal["hired", "enrolled", "refused", "not_suitable", "no_response"]
    outcome_on: Date
    start_date: Date | None = Field(default=None, description="入职日期 (hired)")
    refusal_reason: Text | None = Field(default=None, max_length=500, description="拒绝理由 (refused)")
    good_reason: bool | None = Field(default=None, description="经办人员认定是否属正当理由 (refused)")
    note: Text | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _fields_for_outcome(self) -> "OutcomeCreate":
        if self.outcome == "hired" and self.start_date is None:
            raise ValueError("start_date_required: 录用须填写入职日期")
        if self.outcome != "hired" and self.start_date is not None:
            raise ValueError("start_date_not_allowed: 仅录用时填写入职日期")
        if self.outcome == "refused":
            if not self.refusal_reason:
                raise ValueError("refusal_reason_required: 拒绝须记录理由")
            if self.good_reason is None:
                raise ValueError("good_reason_required: 须认定拒绝理由是否正当")
        elif self.refusal_reason is not None or self.good_reason is not None:
            raise ValueError("refusal_fields_not_allowed: 仅拒绝时记录拒绝理由及认定")
        return self


class ReferralRead(BaseModel):
    id: uuid.UUID
    vacancy_id: uuid.UUID | None
    course_id: uuid.UUID | None = None
    enrolment_id: uuid.UUID | None = None
    job_seeker_id: uuid.UUID
    status: str
    match_score: int
    match_reasons: list[MatchReason]
    referred_on: dt.date
    response_due_on: dt.date
    outcome_on: dt.date | None
    refusal_reason: str | None
    good_reason: bool | None
    outcome_note: str | None
    placement_id: uuid.UUID | None = None
    # Raised when this refusal reached the policy threshold (R-STOP-1); a case manager decides.
    stop_proposal_id: uuid.UUID | None = None
    created_at: dt.datetime


class StopProposalRead(BaseModel):
    id: uuid.UUID
    job_seeker_id: uuid.UUID
    referral_id: uuid.UUID
    reason: str
    refusals_counted: int
    threshold: int
    policy_id: int
    event_date: dt.date
    status: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None
    created_at: dt.datetime


class StopDecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    accepted: bool
    note: Text = Field(min_length=1, max_length=1000, description="决定理由")


class NoResponseSweep(BaseModel):
    referral_ids: list[uuid.UUID]
