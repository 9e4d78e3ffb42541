from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator


class PlacementCreate(BaseModel):
    """再就业: a hire ends the unemployment spell and stops benefit from the start date."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    employer_name: str = Field(min_length=1, max_length=200, description="用人单位名称")
    start_date: dt.date = Field(description="入职日期")
    through_referral: bool = Field(default=False, description="是否经职业介绍")

    @field_validator("start_date")
    @classmethod
    def _not_far_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today() + dt.timedelta(days=31):
            raise ValueError("start_date_too_far: 入职日期不能晚于今天起31天")
        return value


class PlacementRead(BaseModel):
    id: uuid.UUID
    job_seeker_id: uuid.UUID
    employer_name: str
    start_date: dt.date
    through_referral: bool
    created_at: dt.datetime
