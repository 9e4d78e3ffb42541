"""Issuing a written decision (R-NOTICE-1) inside the deciding command's transaction: the decision
and its notice commit together, or neither; once per decision (UNIQUE (kind, decision_ref)).
Imports nothing of the claims package, which calls it."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid

import asyncpg

from services.benefits.notices import repository
from services.benefits.notices.render import Letterhead, NoticeDocument, render_pdf
from services.benefits.settings import BenefitsSettings
from shared.auth import Principal

log = logging.getLogger("uis.benefits.notices")


def letterhead_of(settings: BenefitsSettings) -> Letterhead:
    return Letterhead(agency_name=settings.agency_name, reconsideration_body=settings.reconsideration_body)


async def issue(
    conn: asyncpg.Connection, letterhead: Letterhead, principal: Principal, document: NoticeDocument, decision_ref: str
) -> bool:
    """Inside the caller's transaction: the decision and its notice commit together, or neither.
    A decision that has its notice gets none more (False)."""
    if await repository.decision_notice_exists(conn, document.kind, decision_ref):
        return False
    started = time.perf_counter()
    # WeasyPrint is CPU-bound: off the event loop, still inside the transaction.
    rendered = await asyncio.to_thread(render_pdf, document, letterhead)
    log.info("decision notice %s rendered in %.0f ms", document.kind, (time.perf_counter() - started) * 1000)
    return await repository.insert_decision_notice(
        conn,
        notice_id=uuid.UUID(document.notice_id),
        claim_id=uuid.UUID(document.claim_id),
        kind=document.kind,
        decision_ref=decision_ref,
        issued_by=principal.subject,
        pdf=rendered.pdf,
        sha256=rendered.sha256,
        appeal_rights_included=document.appeal_rights_included,
    )
