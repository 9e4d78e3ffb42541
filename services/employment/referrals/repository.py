"""All SQL of referrals and stop proposals."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_COLUMNS = (
    "r.id, r.vacancy_id, r.course_id, r.enrolment_id, r.job_seeker_id, r.status, r.match_score, r.match_reasons, r.referred_on,"
    " r.response_due_on, r.outcome_on, r.refusal_reason, r.good_reason, r.outcome_note, r.created_at,"
    " (SELECT p.id FROM placements p WHERE p.referral_id = r.id) AS placement_id,"
    " (SELECT sp.id FROM stop_proposals sp WHERE sp.referral_id = r.id) AS stop_proposal_id"
)
_PROPOSAL_COLUMNS = (
    "id, job_seeker_id, referral_id, reason, refusals_counted, threshold, policy_id, event_date, status,"
    " decided_by, decided_at, decision_note, created_at"
)


async def insert_once(
    conn: asyncpg.Connection,
    *,
    vacancy_id: uuid.UUID | None,
    course_id: uuid.UUID | None,
    job_seeker_id: uuid.UUID,
    match_score: int,
    match_reasons: list[dict],
    referred_on: dt.date,
    response_due_on: dt.date,
    response_policy_id: int,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    # No conflict target: either unique key (vacancy or course, with the job seeker) makes it a repeat.
    referral_id = await conn.fetchval(
        "INSERT INTO referrals (id, vacancy_id, course_id, job_seeker_id, match_score, match_reasons,"
        " referred_on, response_due_on, response_policy_id, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
        uuid.uuid4(),
        vacancy_id,
        course_id,
        job_seeker_id,
        match_score,
        match_reasons,
        referred_on,
        response_due_on,
        response_policy_id,
        created_by,
    )
    if referral_id is not None:
        return await get(conn, referral_id), True
    return await find(conn, vacancy_id, course_id, job_seeker_id), False


async def get(conn: asyncpg.Connection, referral_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _COLUMNS + " FROM referrals r WHERE r.id = $1"
    if for_update:
        query += " FOR UPDATE OF r"
    return await conn.fetchrow(query, referral_id)


async def for_job_seeker(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM referrals r WHERE r.job_seeker_id = $1 ORDER BY r.created_at, r.id",
        job_seeker_id,
    )


async def record_outcome(
    conn: asyncpg.Connection,
    referral_id: uuid.UUID,
    *,
    status: str,
    outcome_on: dt.date,
    refusal_reason: str | None,
    good_reason: bool | None,
    note: str | None,
    outcome_by: str,
) -> None:
    await conn.execute(
        "UPDATE referrals SET status = $2, outcome_on = $3, refusal_reason = $4, good_reason = $5,"
        " outcome_note = $6, outcome_by = $7 WHERE id = $1",
        referral_id,
        status,
        outcome_on,
        refusal_reason,
        good_reason,
        note,
        outcome_by,
    )


async def refusals_without_good_reason(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM referrals WHERE job_seeker_id = $1 AND status = 'refused' AND NOT good_reason",
        job_seeker_id,
    )


async def open_proposal(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + _PROPOSAL_COLUMNS + " FROM stop_proposals WHERE job_seeker_id = $1 AND status = 'open'",
        job_seeker_id,
    )


async def insert_proposal(
    conn: asyncpg.Connection,
    *,
    job_seeker_id: uuid.UUID,
    referral_id: uuid.UUID,
    refusals_counted: int,
    threshold: int,
    policy_id: int,
    event_date: dt.date,
) -> asyncpg.Record:
    return await conn.fetchrow(
        "INSERT INTO stop_proposals (id, job_seeker_id, referral_id, reason, refusals_counted, threshold,"
        " policy_id, event_date) VALUES ($1, $2, $3, 'refused_suitable_work', $4, $5, $6, $7)"
        " RETURNING " + _PROPOSAL_COLUMNS,
        uuid.uuid4(),
        job_seeker_id,
        referral_id,
        refusals_counted,
        threshold,
        policy_id,
        event_date,
    )


async def get_proposal(conn: asyncpg.Connection, proposal_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _PROPOSAL_COLUMNS + " FROM stop_proposals WHERE id = $1"
    if for_update:
        query += " FOR UPDATE"
    return await conn.fetchrow(query, proposal_id)


async def list_proposals(
    conn: asyncpg.Connection, status: str | None, district: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + ", ".join("p." + c.strip() for c in _PROPOSAL_COLUMNS.split(","))
        + " FROM stop_proposals p JOIN job_seekers s ON s.id = p.job_seeker_id"
        " WHERE ($1::text IS NULL OR p.status = $1) AND ($2::text IS NULL OR s.district = $2)"
        " ORDER BY p.created_at, p.id LIMIT $3 OFFSET $4",
        status,
        district,
        limit,
        offset,
    )


async def decide_proposal(
    conn: asyncpg.Connection, proposal_id: uuid.UUID, *, accepted: bool, note: str, decided_by: str
) -> asyncpg.Record:
    return await conn.fetchrow(
        "UPDATE stop_proposals SET status = $2, decision_note = $3, decided_by = $4, decided_at = clock_now()"
        " WHERE id = $1 RETURNING " + _PROPOSAL_COLUMNS,
        proposal_id,
        "accepted" if accepted else "rejected",
        note,
        decided_by,
    )


async def find(
    conn: asyncpg.Connection, vacancy_id: uuid.UUID | None, course_id: uuid.UUID | None, job_seeker_id: uuid.UUID
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM referrals r WHERE r.job_seeker_id = $3"
        " AND (r.vacancy_id = $1 OR r.course_id = $2)",
        vacancy_id,
        course_id,
        job_seeker_id,
    )


async def set_enrolment(conn: asyncpg.Connection, referral_id: uuid.UUID, enrolment_id: uuid.UUID) -> None:
    await conn.execute("UPDATE referrals SET enrolment_id = $2 WHERE id = $1", referral_id, enrolment_id)


async def mark_no_response(conn: asyncpg.Connection, today: dt.date, by: str, limit: int) -> list[uuid.UUID]:
    """Pending referrals whose response deadline has passed become 'no_response' (oldest first)."""
    rows = await conn.fetch(
        """
        UPDATE referrals SET status = 'no_response', outcome_on = $1, outcome_by = $2,
               outcome_note = '回复期限已过, 系统登记为未回复'
        WHERE id IN (
            SELECT id FROM referrals WHERE status = 'pending' AND response_due_on < $1
            ORDER BY response_due_on, id LIMIT $3 FOR UPDATE SKIP LOCKED
        )
        RETURNING id
        """,
        today,
        by,
        limit,
    )
    return [r["id"] for r in rows]
