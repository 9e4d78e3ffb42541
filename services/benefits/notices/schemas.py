from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict

from shared.inputs import Date
from shared.notices.delivery import (  # noqa: F401 (the notice API's names)
    DeliveryChannel,
    DeliveryCreate,
    DeliveryRead,
    WrittenDecisionRead,
)


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


class DecisionNoticeRead(WrittenDecisionRead):
    """A written decision (R-NOTICE-1); its PDF is at GET /decision-notices/{id}.pdf. The deadlines
    count from the delivery (R-APPEAL-1): none until it is recorded."""

    claim_id: uuid.UUID
