"""All SQL of employers' written decisions (R-NOTICE-1): issuing the notices, and the facts each
kind of notice states, read in the deciding transaction. Reading a notice with its delivery, the
delivery and the PDF stored once are shared/notices/repository.py's, over ``TABLES``."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from shared.notices.repository import NoticeTables

TABLES = NoticeTables(notices="employer_decision_notices", deliveries="employer_notice_deliveries", subject="employer_id")


async def insert_notices(conn: asyncpg.Connection, rows: list[tuple[uuid.UUID, uuid.UUID, str, str, str, bool]],
                         issued_by: str) -> int:
    """(id, employer_id, kind, decision_ref, html, appeal_rights_included) rows, set-based; once
    per decision (UNIQUE (kind, decision_ref)): the number actually issued."""
    if not rows:
        return 0
    ids, employers, kinds, refs, htmls, rights = (list(c) for c in zip(*rows, strict=True))
    inserted = await conn.fetch(
        """
        INSERT INTO employer_decision_notices
            (id, employer_id, kind, decision_ref, html, appeal_rights_included, issued_by)
        SELECT *, $7 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[])
        ON CONFLICT (kind, decision_ref) DO NOTHING
        RETURNING id
        """,
        ids, employers, kinds, refs, htmls, rights, issued_by,
    )
    return len(inserted)


# --- what the notices state ----------------------------------------------------------------------

_EMPLOYER = "e.name AS employer_name, e.uscc, e.district"


async def assessed_months(conn: asyncpg.Connection, declaration_ids: list[uuid.UUID]) -> list[asyncpg.Record]:
    """R-DECL-1: each assessed month with the previous month it was assessed from and the factor
    of the collection terms it was assessed under."""
    return await conn.fetch(
        "SELECT d.id, d.employer_id, d.contribution_month, d.declared_on, d.due_date, d.headcount,"
        " d.employer_amount, d.employee_amount, d.total_amount, d.late_fee_daily_rate,"
        " p.contribution_month AS previous_month, p.total_amount AS previous_total, c.assessment_factor, "
        + _EMPLOYER
        + " FROM contribution_declarations d"
        " JOIN contribution_declarations p ON p.id = d.assessed_from_id"
        " JOIN contribution_collection_policies c ON c.id = d.collection_policy_id"
        " JOIN employers e ON e.id = d.employer_id"
        " WHERE d.id = ANY($1::uuid[]) AND d.kind = 'assessed' ORDER BY e.id",
        declaration_ids,
    )


async def settled_month(conn: asyncpg.Connection, declaration_id: uuid.UUID, as_of: dt.date) -> asyncpg.Record:
    """R-DECL-1 / R-LATE-1: the settled month, what its assessment said, what was paid by
    ``as_of`` and the late fees: charged on its late payments, and accruing on what is unpaid."""
    return await conn.fetchrow(
        "SELECT d.id, d.employer_id, d.contribution_month, d.due_date, d.settled_on, d.headcount, d.base_total,"
        " d.employer_amount, d.employee_amount, d.total_amount, d.late_fee_daily_rate,"
        " r.employer_amount + r.employee_amount AS assessed_total,"
        " COALESCE(p.paid, 0) AS paid, COALESCE(p.late_fee, 0) AS late_fee_charged,"
        " GREATEST($2::date - d.due_date, 0) AS days_overdue,"
        " round((d.total_amount - COALESCE(p.paid, 0)) * d.late_fee_daily_rate"
        "       * GREATEST($2::date - d.due_date, 0), 2) AS late_fee_accruing, "
        + _EMPLOYER
        + " FROM contribution_declarations d JOIN employers e ON e.id = d.employer_id"
        " JOIN LATERAL (SELECT employer_amount, employee_amount FROM contribution_declaration_revisions"
        "               WHERE declaration_id = d.id AND kind = 'assessed' ORDER BY id DESC LIMIT 1) r ON true"
        " LEFT JOIN LATERAL (SELECT sum(amount) AS paid, sum(late_fee) AS late_fee FROM employer_payments"
        "                    WHERE declaration_id = d.id AND paid_on <= $2) p ON true"
        " WHERE d.id = $1",
        declaration_id,
        as_of,
    )


async def fined_employer(conn: asyncpg.Connection, fine_id: uuid.UUID) -> asyncpg.Record:
    return await conn.fetchrow(
        "SELECT f.id, f.employer_id, f.decision_reference, f.decided_on, f.amount, f.reason, f.ground, "
        + _EMPLOYER
        + " FROM employer_fines f JOIN employers e ON e.id = f.employer_id WHERE f.id = $1",
        fine_id,
    )
