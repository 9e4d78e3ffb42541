from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict

from shared.inputs import Date


class PreExpiryRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: Date | None = None  # today (China time) when omitted


class PreExpiryRunRead(BaseModel):
    as_of: dt.date
    created: int


class NoticeRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    kind: str
    last_benefit_month: int
    last_month_start: dt.date
    notify_on: dt.date
    created_by: str
    created_at: dt.datetime
