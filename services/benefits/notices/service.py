"""Written decisions (R-NOTICE-1), read, downloaded and delivered (issued by ``notices/issue.py``
inside the deciding command's transaction). The delivery date starts the appeal clock
(R-APPEAL-1: 行政复议 within 60 days, 行政诉讼 within 6 months; up to 1 year when the notice
lacked the appeal rights)."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg

from contracts.appeals import REJECTION_DELIVERED, RejectionDelivered
from contracts.journey import claimant_journey_id
from services.benefits.claims import repository as claims_repository
from services.benefits.claims.service import get_visible
from services.benefits.notices import repository
from services.benefits.notices.render import pdf_of_html
from services.benefits.notices.schemas import DecisionNoticeRead, DeliveryCreate, DeliveryRead
from shared.auth import Principal
from shared.clock import Moment, china_date
from shared.notices.delivery import appeal_deadlines
from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.outbox import SignalWorkflow, enqueue
from shared.results import Written

NOTICE_NOT_FOUND = NotFound("decision_notice_not_found", "未找到该决定书", "notice_id")


def to_read(row: asyncpg.Record) -> DecisionNoticeRead:
    delivery = None
    appeal = litigation = None
    if row["channel"] is not None:
        delivery = DeliveryRead(**{k: row[k] for k in DeliveryRead.model_fields})
        appeal, litigation = appeal_deadlines(row["delivered_on"], row["appeal_rights_included"])
    fields = {k: row[k] for k in DecisionNoticeRead.model_fields if k in row.keys()}
    return DecisionNoticeRead(**fields, delivery=delivery, appeal_deadline=appeal, litigation_deadline=litigation)


async def list_for_claim(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> list[DecisionNoticeRead]:
    await get_visible(conn, principal, claim_id)
    return [to_read(r) for r in await repository.list_decision_notices(conn, claim_id)]


async def _visible(
    conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID, *, with_pdf: bool = False
) -> asyncpg.Record:
    """A notice of a claim in another district is not there for a service point (as the claim)."""
    row = await repository.get_decision_notice(conn, notice_id, with_pdf=with_pdf)
    if row is None:
        raise NOTICE_NOT_FOUND
    try:
        await get_visible(conn, principal, row["claim_id"])
    except DomainError:
        raise NOTICE_NOT_FOUND from None
    return row


async def pdf_of(conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID) -> bytes:
    """The stored PDF; the first time, made from the notice's fixed text and stored (once)."""
    row = await _visible(conn, principal, notice_id, with_pdf=True)
    if row["pdf"] is not None:
        return row["pdf"]
    rendered = await asyncio.to_thread(pdf_of_html, row["html"])  # CPU-bound: off the event loop
    return await repository.store_pdf(conn, notice_id, rendered.pdf, rendered.sha256)


async def record_delivery(
    conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID, data: DeliveryCreate, now: Moment
) -> Written[DecisionNoticeRead]:
    """Once per notice: the same delivery again is answered as recorded; another one is refused."""
    if data.delivered_on > now.today:
        raise InvalidInput("delivered_in_future", "送达日期不能晚于今天", "delivered_on")
    created, outbox_ids = False, []
    async with conn.transaction():
        row = await _visible(conn, principal, notice_id)
        if row["channel"] is None:
            if data.delivered_on < china_date(row["issued_at"]):
                raise InvalidInput("delivered_before_issue", "送达日期不能早于决定书的作出日期", "delivered_on")
            created = await repository.insert_delivery(
                conn, notice_id, data.channel.value, data.delivered_on, principal.subject
            )
            row = await repository.get_decision_notice(conn, notice_id)
            if created:
                outbox_ids = [await _signal_rejection_delivered(conn, row)]
    if not created and (row["channel"], row["delivered_on"]) != (data.channel.value, data.delivered_on):
        raise Conflict("notice_already_delivered", "该决定书已登记送达, 不能更改送达记录", "delivered_on")
    return Written(to_read(row), created=created, outbox_ids=outbox_ids)


# The notices whose delivery starts an appeal window the journey keeps the registration open for.
WINDOW_NOTICE_KINDS = ("claim_rejected", "claim_closed_incomplete")


async def _signal_rejection_delivered(conn: asyncpg.Connection, row: asyncpg.Record) -> int | None:
    """R-NOTICE-1 / R-APPEAL-1: a rejection's delivery, or a closure's as incomplete (R-RFI-1),
    starts the appeal window the journey keeps open; it is told in the delivery's transaction."""
    if row["kind"] not in WINDOW_NOTICE_KINDS:
        return None
    claim = await claims_repository.get(conn, row["claim_id"])
    return await enqueue(conn, SignalWorkflow(
        workflow_id=claimant_journey_id(claim["registration_id"]),
        signal=REJECTION_DELIVERED,
        payload=RejectionDelivered(
            str(claim["id"]), str(row["id"]), row["delivered_on"], row["appeal_rights_included"], row["kind"]
        ),
        event_key=str(row["id"]),
    ))
