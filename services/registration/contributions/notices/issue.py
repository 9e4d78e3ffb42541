"""Issuing an employer's written decisions (R-NOTICE-1) inside the deciding command's transaction:
the decision and its notice's text commit together, or neither; once per decision (UNIQUE (kind,
decision_ref)). The PDF is made from that fixed text at its first download (service.py): rendering
costs tenths of a second of CPU that a decision must not hold its transaction for."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

from services.registration.contributions.notices import documents, repository
from services.registration.contributions.notices.render import EmployerNoticeDocument, render_html
from shared.auth import Principal
from shared.notices.render import Letterhead


def _row(document: EmployerNoticeDocument, letterhead: Letterhead, decision_ref: str):
    return (uuid.UUID(document.notice_id), uuid.UUID(document.employer_id), document.kind, decision_ref,
            render_html(document, letterhead), document.appeal_rights_included)


async def assessments(
    conn: asyncpg.Connection, letterhead: Letterhead, principal: Principal, declaration_ids: list[uuid.UUID],
    today: dt.date,
) -> int:
    """R-DECL-1: one 核定决定书 per assessed month (one, or an assessment run's); set-based."""
    rows = await repository.assessed_months(conn, declaration_ids)
    notices = [_row(documents.contribution_assessed(str(uuid.uuid4()), r, today), letterhead, str(r["id"]))
               for r in rows]
    return await repository.insert_notices(conn, notices, principal.subject)


async def settlement(
    conn: asyncpg.Connection, letterhead: Letterhead, principal: Principal, declaration_id: uuid.UUID,
    today: dt.date,
) -> int:
    """R-DECL-1 结算, with R-LATE-1's late fees up to ``today``."""
    row = await repository.settled_month(conn, declaration_id, today)
    document = documents.contribution_settled(str(uuid.uuid4()), row, today)
    return await repository.insert_notices(conn, [_row(document, letterhead, str(declaration_id))], principal.subject)


async def fine(
    conn: asyncpg.Connection, letterhead: Letterhead, principal: Principal, fine_id: uuid.UUID,
    arrears: Decimal | None, today: dt.date,
) -> int:
    """R-LATE-1: a fine recorded (``arrears``: the unpaid contributions it is a multiple of)."""
    row = await repository.fined_employer(conn, fine_id)
    document = documents.contribution_fine(str(uuid.uuid4()), row, arrears, today)
    return await repository.insert_notices(conn, [_row(document, letterhead, str(fine_id))], principal.subject)
