from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.inputs import Date, Instant, MultilineText, Text


class SessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    scheduled_at: Instant = Field(description="预约时间 (with a time zone)")
    counsellor: Text = Field(min_length=1, max_length=100, description="职业指导师")
    location: Text | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _aware(self) -> "SessionCreate":
        if self.scheduled_at.tzinfo is None:
            raise ValueError("scheduled_at_without_time_zone: 预约时间须带时区, 如 +08:00")
        return self


class Goal(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    goal: Text = Field(min_length=1, max_length=200, description="目标")
    due_on: Date = Field(description="完成期限")


class SessionOutcomeCreate(BaseModel):
    """Attended (with the guidance given and an action plan of goals) or missed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    attended: bool
    guidance: MultilineText | None = Field(default=None, max_length=4000, description="指导内容")
    goals: list[Goal] = Field(default_factory=list, max_length=20, description="行动计划")

    @model_validator(mode="after")
    def _attended_needs_plan(self) -> "SessionOutcomeCreate":
        if self.attended and (not self.guidance or not self.goals):
            raise ValueError("action_plan_required: 参加指导须记录指导内容及至少一项行动目标")
        if not self.attended and (self.guidance or self.goals):
            raise ValueError("missed_without_plan: 未参加的指导不能记录指导内容")
        return self


class SessionRead(BaseModel):
    id: uuid.UUID
    job_seeker_id: uuid.UUID
    scheduled_at: dt.datetime
    counsellor: str
    location: str | None
    first_offer_due_on: dt.date | None
    offered_in_time: bool | None
    status: str
    guidance: str | None
    action_plan: list[Goal] | None
    outcome_at: dt.datetime | None
    created_at: dt.datetime
