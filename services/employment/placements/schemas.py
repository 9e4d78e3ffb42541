from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import Date, Text


class PlacementCreate(BaseModel):
    """再就业: a hire ends the unemployment spell and stops benefit from the start date."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    employer_name: Text = Field(min_length=1, max_length=200, description="用人单位名称")
    start_date: Date = Field(description="入职日期")
    through_referral: bool = Field(default=False, description="是否经职业介绍")


class ContributionPlacementCreate(BaseModel):
    """A hire found later in contribution records (a new employer's record for the person)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    person_id: uuid.UUID
    employer_id: uuid.UUID = Field(description="登记服务中的参保单位ID")
    employer_name: Text = Field(min_length=1, max_length=200)
    start_date: Date = Field(description="缴费记录显示的入职(起缴)日期")
    evidence_ref: Text = Field(min_length=1, max_length=200, description="缴费记录的标识, 作为证据")


class PlacementRead(BaseModel):
    id: uuid.UUID
    job_seeker_id: uuid.UUID
    employer_name: str
    start_date: dt.date
    through_referral: bool
    source: str = "desk"
    referral_id: uuid.UUID | None = None
    employer_id: uuid.UUID | None = None
    evidence_ref: str | None = None
    created_at: dt.datetime
