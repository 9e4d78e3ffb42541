"""All SQL of subsidy awards."""

from __future__ import annotations

import uuid

import asyncpg

COLUMNS = (
    "id, claim_id, person_id, kind, event_ref, occupation, certificate_level, requested_amount, amount, cap,"
    " policy_parameter_id, payment_id, awarded_by, awarded_at"
)


async def by_event(conn: asyncpg.Connection, kind: str, event_ref: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + " FROM subsidy_awards WHERE kind = $1 AND event_ref = $2", kind, event_ref
    )


async def skill_award_of(
    conn: asyncpg.Connection, person_id: uuid.UUID, occupation: str, level: str
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + " FROM subsidy_awards WHERE kind = 'skill_upgrade_subsidy'"
        " AND person_id = $1 AND occupation = $2 AND certificate_level = $3",
        person_id,
        occupation,
        level,
    )


async def insert(conn: asyncpg.Connection, **v: object) -> asyncpg.Record:
    return await conn.fetchrow(
        "INSERT INTO subsidy_awards (id, claim_id, person_id, kind, event_ref, occupation, certificate_level,"
        " requested_amount, amount, cap, policy_parameter_id, payment_id, awarded_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING " + COLUMNS,
        uuid.uuid4(),
        v["claim_id"],
        v["person_id"],
        v["kind"],
        v["event_ref"],
        v["occupation"],
        v["certificate_level"],
        v["requested_amount"],
        v["amount"],
        v["cap"],
        v["policy_parameter_id"],
        v["payment_id"],
        v["awarded_by"],
    )


async def list_for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + COLUMNS + " FROM subsidy_awards WHERE claim_id = $1 ORDER BY awarded_at", claim_id
    )


# --- refusals (R-SUB-1, R-NOTICE-1) -------------------------------------------------------------

REFUSAL_COLUMNS = (
    "id, claim_id, kind, event_ref, requested_amount, requested_on, occupation, certificate_level, code, message,"
    " refused_by, refused_at"
)


_REFUSAL_WORKLIST = (
    "SELECT " + ", ".join("r." + c.strip() for c in REFUSAL_COLUMNS.split(","))
    + ", c.district, c.registration_id, n.id AS notice_id"
    " FROM subsidy_refusals r JOIN claims c ON c.id = r.claim_id"
    " LEFT JOIN decision_notices n ON n.kind = 'subsidy_refused' AND n.decision_ref = r.id::text"
    " WHERE ($1::text IS NULL OR c.district = $1)"
    " ORDER BY r.refused_at DESC, r.id DESC LIMIT $2 OFFSET $3"
)


async def list_refusals(
    conn: asyncpg.Connection, district: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    """Refusals across claims, newest first, with the claim's district and registration and the
    refusal's written decision."""
    return await conn.fetch(_REFUSAL_WORKLIST, district, limit, offset)


async def insert_refusal(conn: asyncpg.Connection, **v: object) -> asyncpg.Record | None:
    """Once per claim, kind and event (UNIQUE): None when the event's refusal is recorded already."""
    return await conn.fetchrow(
        "INSERT INTO subsidy_refusals (id, claim_id, kind, event_ref, requested_amount, requested_on, occupation,"
        " certificate_level, code, message, refused_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT (claim_id, kind, event_ref) DO NOTHING RETURNING " + REFUSAL_COLUMNS,
        uuid.uuid4(),
        v["claim_id"],
        v["kind"],
        v["event_ref"],
        v["requested_amount"],
        v["requested_on"],
        v["occupation"],
        v["certificate_level"],
        v["code"],
        v["message"],
        v["refused_by"],
    )
