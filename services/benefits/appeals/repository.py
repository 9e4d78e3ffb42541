"""All SQL of appeals (R-APPEAL-1)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

COLUMNS = (
    "a.id, a.notice_id, n.kind AS notice_kind, a.claim_id, c.registration_id, a.person_id, c.district,"
    " a.kind, a.lodged_on, a.received_on, a.body, a.case_number, a.recorded_by, a.recorded_at,"
    " a.reply_due_on, a.reply_filed_on, a.reply_filed_by, a.outcome, a.outcome_decided_on,"
    " a.outcome_reference, a.outcome_received_on, a.outcome_recorded_by, a.outcome_recorded_at"
)
_FROM = " FROM appeals a JOIN decision_notices n ON n.id = a.notice_id JOIN claims c ON c.id = a.claim_id"


async def insert(
    conn: asyncpg.Connection,
    *,
    appeal_id: uuid.UUID,
    notice_id: uuid.UUID,
    claim_id: uuid.UUID,
    person_id: uuid.UUID,
    kind: str,
    lodged_on: dt.date,
    received_on: dt.date,
    reply_due_on: dt.date,
    body: str,
    case_number: str,
    recorded_by: str,
) -> bool:
    """False when the body's case is already recorded (UNIQUE (body, case_number))."""
    inserted = await conn.fetchval(
        """
        INSERT INTO appeals (id, notice_id, claim_id, person_id, kind, lodged_on, received_on, reply_due_on,
                             body, case_number, recorded_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (body, case_number) DO NOTHING
        RETURNING id
        """,
        appeal_id, notice_id, claim_id, person_id, kind, lodged_on, received_on, reply_due_on,
        body, case_number, recorded_by,
    )
    return inserted is not None


async def open_for_notice(conn: asyncpg.Connection, notice_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + _FROM + " WHERE a.notice_id = $1 AND a.outcome IS NULL", notice_id
    )


async def get(conn: asyncpg.Connection, appeal_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + COLUMNS + _FROM + " WHERE a.id = $1"
    if for_update:
        query += " FOR UPDATE OF a"
    return await conn.fetchrow(query, appeal_id)


async def get_by_case(conn: asyncpg.Connection, body: str, case_number: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + _FROM + " WHERE a.body = $1 AND a.case_number = $2", body, case_number
    )


async def list_appeals(
    conn: asyncpg.Connection,
    *,
    district: str | None,
    open_only: bool | None,
    claim_id: uuid.UUID | None,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    """The most urgent first: replies still to file by their due date, then the filed ones."""
    return await conn.fetch(
        "SELECT " + COLUMNS + _FROM
        + " WHERE ($1::text IS NULL OR c.district = $1)"
        " AND ($2::boolean IS NULL OR (a.outcome IS NULL) = $2)"
        " AND ($3::uuid IS NULL OR a.claim_id = $3)"
        " ORDER BY (a.outcome IS NOT NULL), (a.reply_filed_on IS NOT NULL), a.reply_due_on, a.recorded_at, a.id"
        " LIMIT $4 OFFSET $5",
        district, open_only, claim_id, limit, offset,
    )


async def record_reply(conn: asyncpg.Connection, appeal_id: uuid.UUID, filed_on: dt.date, filed_by: str) -> None:
    await conn.execute(
        "UPDATE appeals SET reply_filed_on = $2, reply_filed_by = $3, reply_filed_at = clock_now() WHERE id = $1",
        appeal_id, filed_on, filed_by,
    )


async def record_outcome(
    conn: asyncpg.Connection,
    appeal_id: uuid.UUID,
    *,
    outcome: str,
    decided_on: dt.date,
    reference: str,
    received_on: dt.date,
    recorded_by: str,
) -> None:
    await conn.execute(
        """
        UPDATE appeals SET outcome = $2, outcome_decided_on = $3, outcome_reference = $4,
               outcome_received_on = $5, outcome_recorded_by = $6, outcome_recorded_at = clock_now()
        WHERE id = $1
        """,
        appeal_id, outcome, decided_on, reference, received_on, recorded_by,
    )


async def return_to_review(conn: asyncpg.Connection, claim_id: uuid.UUID, review_due_at: dt.datetime) -> None:
    """R-APPEAL-1 责令重新作出 (or a closure as incomplete revoked, R-RFI-1): the rejection or the
    closure is set aside and the claim waits for a new decision (R-REV-1 due at
    ``review_due_at``); what was set aside stays in its written decision and the appeal's record."""
    await conn.execute(
        """
        UPDATE claims SET status = 'pending_review', review_due_at = $2, decided_by = NULL,
               decision_round = decision_round + 1,
               decided_at = NULL, decision_reason = NULL, decision_rules = NULL
        WHERE id = $1 AND status IN ('rejected', 'closed_incomplete')
        """,
        claim_id, review_due_at,
    )


# R-APPEAL-1 with R-STOP-1: the revoked stops, with what a case manager needs to follow them up.
_REVOKED_STOPS = """
    SELECT * FROM (
        SELECT a.id AS appeal_id, a.claim_id, c.registration_id, a.person_id, c.district, a.kind, a.body,
               a.case_number, a.outcome_reference, a.outcome_decided_on, a.outcome_received_on,
               a.outcome_recorded_at, c.stop_reason, c.stop_effective_date, c.entitlement_months,
               (SELECT count(DISTINCT p.benefit_month) FROM payments p
                WHERE p.claim_id = c.id AND p.kind = 'benefit' AND p.status <> 'cancelled' AND p.amount > 0)
                   AS months_drawn,
               (SELECT count(*) FROM overpayments o
                WHERE o.claim_id = c.id AND o.correction_id IS NULL AND o.recovery_status = 'proposed')
                   AS stop_overpayments_proposed,
               (SELECT coalesce(sum(o.amount), 0.00) FROM overpayments o
                WHERE o.claim_id = c.id AND o.correction_id IS NULL AND o.recovery_status = 'proposed')
                   AS stop_overpayments_total,
               (SELECT n.id FROM claims n WHERE n.person_id = a.person_id AND n.opened_at > a.outcome_recorded_at
                ORDER BY n.opened_at, n.id LIMIT 1) AS new_claim_id
        FROM appeals a JOIN decision_notices d ON d.id = a.notice_id JOIN claims c ON c.id = a.claim_id
        WHERE d.kind = 'benefit_stopped' AND a.outcome = 'revoked' AND ($1::text IS NULL OR c.district = $1)
    ) s
    WHERE NOT $2 OR new_claim_id IS NULL
    ORDER BY outcome_recorded_at, appeal_id
    LIMIT $3 OFFSET $4
"""


async def list_revoked_stops(
    conn: asyncpg.Connection, *, district: str | None, open_only: bool, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(_REVOKED_STOPS, district, open_only, limit, offset)
