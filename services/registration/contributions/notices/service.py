"""An employer's written decisions (R-NOTICE-1), read, downloaded and delivered (issued by
``issue.py`` inside the deciding command's transaction). The delivery date starts the appeal clock
(R-APPEAL-1)."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg

from services.registration.contributions.notices import repository
from services.registration.contributions.notices.schemas import EmployerDecisionNoticeRead
from services.registration.contributions.service import visible_employer
from shared.auth import Principal
from shared.clock import Moment, china_date
from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.notices.delivery import DeliveryCreate, DeliveryRead, appeal_deadlines
from shared.notices.render import pdf_of_html
from shared.results import Written

NOTICE_NOT_FOUND = NotFound("employer_decision_notice_not_found", "未找到该决定书", "notice_id")


def to_read(row: asyncpg.Record) -> EmployerDecisionNoticeRead:
    delivery = appeal = litigation = None
    if row["channel"] is not None:
        delivery = DeliveryRead(**{k: row[k] for k in DeliveryRead.model_fields})
        appeal, litigation = appeal_deadlines(row["delivered_on"], row["appeal_rights_included"])
    fields = {k: row[k] for k in EmployerDecisionNoticeRead.model_fields if k in row.keys()}
    return EmployerDecisionNoticeRead(**fields, delivery=delivery, appeal_deadline=appeal,
                                      litigation_deadline=litigation)


async def list_for_employer(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID
) -> list[EmployerDecisionNoticeRead]:
    await visible_employer(conn, principal, employer_id)
    return [to_read(r) for r in await repository.list_for_employer(conn, employer_id)]


async def _visible(
    conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID, *, with_pdf: bool = False
) -> asyncpg.Record:
    """A notice of another district's employer is not there for a service point (as the employer)."""
    row = await repository.get(conn, notice_id, with_pdf=with_pdf)
    if row is None:
        raise NOTICE_NOT_FOUND
    try:
        await visible_employer(conn, principal, row["employer_id"])
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
) -> Written[EmployerDecisionNoticeRead]:
    """Once per notice: the same delivery again is answered as recorded; another one is refused."""
    if data.delivered_on > now.today:
        raise InvalidInput("delivered_in_future", "送达日期不能晚于今天", "delivered_on")
    created = False
    async with conn.transaction():
        row = await _visible(conn, principal, notice_id)
        if row["channel"] is None:
            if data.delivered_on < china_date(row["issued_at"]):
                raise InvalidInput("delivered_before_issue", "送达日期不能早于决定书的作出日期", "delivered_on")
            created = await repository.insert_delivery(
                conn, notice_id, data.channel.value, data.delivered_on, principal.subject
            )
            row = await repository.get(conn, notice_id)
    if not created and (row["channel"], row["delivered_on"]) != (data.channel.value, data.delivered_on):
        raise Conflict("notice_already_delivered", "该决定书已登记送达, 不能更改送达记录", "delivered_on")
    return Written(to_read(row), created=created)
