from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict

from shared.inputs import Date
from shared.notices.delivery import DeliveryChannel, DeliveryCreate, DeliveryRead  # noqa: F401 (the notice API's names)


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


class DecisionNoticeRead(BaseModel):
    """A written decision (R-NOTICE-1); its PDF is at GET /decision-notices/{id}.pdf. The deadlines
    count from the delivery (R-APPEAL-1): none until it is recorded."""

    id: uuid.UUID
    claim_id: uuid.UUID
    kind: str
    decision_ref: str
    issued_at: dt.datetime
    # None until the PDF is first made (at the first download), then its SHA-256 for good.
    sha256: str | None
    appeal_rights_included: bool
    delivery: DeliveryRead | None
    appeal_deadline: dt.date | None
    litigation_deadline: dt.date | None
