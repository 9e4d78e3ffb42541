"""A written decision's delivery (R-NOTICE-1) and the appeal deadlines its date starts
(R-APPEAL-1: 行政复议 within 60 days, 行政诉讼 within 6 months; at most one year when the notice
omitted the rights), for the services' notice schemas, and what both answer of a notice."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field

from contracts.appeals import LITIGATION, RECONSIDERATION, lodging_deadline
from shared.inputs import Date


class DeliveryChannel(str, enum.Enum):
    """How a written decision reached the person or employer."""

    IN_PERSON = "in_person"  # 窗口直接送达
    POST = "post"  # 邮寄送达
    ONLINE = "online"  # 网上送达


class DeliveryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: DeliveryChannel
    delivered_on: Date = Field(description="送达日期 (China date): the appeal clock starts on it (R-APPEAL-1)")


class DeliveryRead(BaseModel):
    channel: DeliveryChannel
    delivered_on: dt.date
    recorded_by: str
    recorded_at: dt.datetime


def appeal_deadlines(delivered_on: dt.date, appeal_rights_included: bool) -> tuple[dt.date, dt.date]:
    """The last days to apply for 行政复议 and to sue, counted from the delivery (the time limits
    are the appeal contract's: one copy for the services and the journey)."""
    return tuple(  # type: ignore[return-value]
        lodging_deadline(kind, decided_on=delivered_on, delivered_on=delivered_on, appeal_rights_included=appeal_rights_included)
        for kind in (RECONSIDERATION, LITIGATION)
    )


class WrittenDecisionRead(BaseModel):
    """What both services answer of a written decision (R-NOTICE-1); each adds its subject (the
    claim, the employer). The deadlines count from the delivery (R-APPEAL-1): none until it is
    recorded."""

    id: uuid.UUID
    kind: str
    decision_ref: str
    issued_at: dt.datetime
    # None until the PDF is first made (at the first download), then its SHA-256 for good.
    sha256: str | None
    appeal_rights_included: bool
    delivery: DeliveryRead | None
    appeal_deadline: dt.date | None
    litigation_deadline: dt.date | None
