"""Written decisions (R-NOTICE-1) read, downloaded and delivered: the one copy both services use,
parameterised by what differs (their tables, read model, not-found error, the subject's
visibility check, and what a delivery sets off). The PDF is made from the notice's fixed text at
the first download and stored with its SHA-256, once; the delivery is recorded once, and its date
starts the appeal clock (R-APPEAL-1: 行政复议 within 60 days, 行政诉讼 within 6 months; up to 1
year when the notice lacked the appeal rights)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import asyncpg
from pydantic import BaseModel

from shared.auth import Principal
from shared.clock import Moment, china_date
from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.notices import repository
from shared.notices.delivery import DeliveryCreate, DeliveryRead, appeal_deadlines
from shared.notices.render import pdf_of_html
from shared.notices.repository import NoticeTables
from shared.results import Written

R = TypeVar("R", bound=BaseModel)

# Raises a DomainError when the principal may not see the subject (the claim, the employer).
SubjectCheck = Callable[[asyncpg.Connection, Principal, uuid.UUID], Awaitable[Any]]
# Inside the delivery's transaction, once it is recorded: an outbox row to wake the relay for.
OnDelivered = Callable[[asyncpg.Connection, asyncpg.Record], Awaitable["int | None"]]


@dataclass(frozen=True)
class WrittenDecisions(Generic[R]):
    tables: NoticeTables
    read_model: type[R]
    not_found: NotFound
    visible_subject: SubjectCheck
    on_delivered: OnDelivered | None = None

    def to_read(self, row: asyncpg.Record) -> R:
        """The notice, its delivery and the appeal deadlines the delivery starts (none before it)."""
        delivery = appeal = litigation = None
        if row["channel"] is not None:
            delivery = DeliveryRead(**{k: row[k] for k in DeliveryRead.model_fields})
            appeal, litigation = appeal_deadlines(row["delivered_on"], row["appeal_rights_included"])
        fields = {k: row[k] for k in self.read_model.model_fields if k in row.keys()}
        return self.read_model(**fields, delivery=delivery, appeal_deadline=appeal, litigation_deadline=litigation)

    async def list_for(self, conn: asyncpg.Connection, principal: Principal, subject_id: uuid.UUID) -> list[R]:
        await self.visible_subject(conn, principal, subject_id)
        return [self.to_read(r) for r in await repository.list_for(conn, self.tables, subject_id)]

    async def visible(
        self, conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID, *, with_pdf: bool = False
    ) -> asyncpg.Record:
        """A notice whose subject the principal may not see (another district's) is not there."""
        row = await repository.get(conn, self.tables, notice_id, with_pdf=with_pdf)
        if row is None:
            raise self.not_found
        try:
            await self.visible_subject(conn, principal, row[self.tables.subject])
        except DomainError:
            raise self.not_found from None
        return row

    async def pdf_of(self, conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID) -> bytes:
        """The stored PDF; the first time, made from the notice's fixed text and stored (once)."""
        row = await self.visible(conn, principal, notice_id, with_pdf=True)
        if row["pdf"] is not None:
            return row["pdf"]
        rendered = await asyncio.to_thread(pdf_of_html, row["html"])  # CPU-bound: off the event loop
        return await repository.store_pdf(conn, self.tables, notice_id, rendered.pdf, rendered.sha256)

    async def record_delivery(
        self, conn: asyncpg.Connection, principal: Principal, notice_id: uuid.UUID, data: DeliveryCreate, now: Moment
    ) -> Written[R]:
        """Once per notice (R-NOTICE-1): the same delivery again is answered as recorded (200);
        another one is refused (409 ``notice_already_delivered``)."""
        if data.delivered_on > now.today:
            raise InvalidInput("delivered_in_future", "送达日期不能晚于今天", "delivered_on")
        created, outbox_ids = False, []
        async with conn.transaction():
            row = await self.visible(conn, principal, notice_id)
            if row["channel"] is None:
                if data.delivered_on < china_date(row["issued_at"]):
                    raise InvalidInput("delivered_before_issue", "送达日期不能早于决定书的作出日期", "delivered_on")
                created = await repository.insert_delivery(
                    conn, self.tables, notice_id, data.channel.value, data.delivered_on, principal.subject
                )
                row = await repository.get(conn, self.tables, notice_id)
                if created and self.on_delivered is not None:
                    outbox_ids = [await self.on_delivered(conn, row)]
        if not created and (row["channel"], row["delivered_on"]) != (data.channel.value, data.delivered_on):
            raise Conflict("notice_already_delivered", "该决定书已登记送达, 不能更改送达记录", "delivered_on")
        return Written(self.to_read(row), created=created, outbox_ids=outbox_ids)
