"""Issuing a written decision (R-NOTICE-1) inside the deciding command's transaction: the decision
and its notice's text commit together, or neither; once per decision (UNIQUE (kind, decision_ref)).
The PDF is made from that fixed text afterwards, once (at its first download, services/benefits/notices/service.py): rendering
costs tenths of a second of CPU, which a decision must not hold its transaction and connection for.
Imports nothing of the claims package, which calls it."""

from __future__ import annotations

import uuid

import asyncpg

from services.benefits.notices import repository
from services.benefits.notices.render import Letterhead, NoticeDocument, render_html
from shared.auth import Principal
from shared.notices.render import letterhead_of

__all__ = ["issue", "letterhead_of"]


async def issue(
    conn: asyncpg.Connection, letterhead: Letterhead, principal: Principal, document: NoticeDocument, decision_ref: str
) -> bool:
    """Inside the caller's transaction: the decision and its notice commit together, or neither.
    A decision that has its notice gets none more (False)."""
    if await repository.decision_notice_exists(conn, document.kind, decision_ref):
        return False
    return await repository.insert_decision_notice(
        conn,
        notice_id=uuid.UUID(document.notice_id),
        claim_id=uuid.UUID(document.claim_id),
        kind=document.kind,
        decision_ref=decision_ref,
        issued_by=principal.subject,
        html=render_html(document, letterhead),
        appeal_rights_included=document.appeal_rights_included,
    )
