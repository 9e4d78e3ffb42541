"""All SQL of guidance sessions."""

from __future__ import annotations

import uuid

import asyncpg

_COLUMNS = (
    "id, job_seeker_id, scheduled_at, counsellor, location, first_offer_due_on, offered_in_time, status,"
    " guidance, action_plan, outcome_at, created_at"
)


async def insert_once(conn: asyncpg.Connection, values: dict, created_by: str) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO guidance_sessions (id, job_seeker_id, scheduled_at, counsellor, location,"
        " first_offer_due_on, offered_in_time, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (job_seeker_id, scheduled_at) DO NOTHING RETURNING " + _COLUMNS,
        uuid.uuid4(),
        values["job_seeker_id"],
        values["scheduled_at"],
        values["counsellor"],
        values["location"],
        values["first_offer_due_on"],
        values["offered_in_time"],
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM guidance_sessions WHERE job_seeker_id = $1 AND scheduled_at = $2",
        values["job_seeker_id"],
        values["scheduled_at"],
    )
    return existing, False


async def count_for(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> int:
    return await conn.fetchval("SELECT count(*) FROM guidance_sessions WHERE job_seeker_id = $1", job_seeker_id)


async def get(conn: asyncpg.Connection, session_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _COLUMNS + " FROM guidance_sessions WHERE id = $1"
    if for_update:
        query += " FOR UPDATE"
    return await conn.fetchrow(query, session_id)


async def for_job_seeker(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM guidance_sessions WHERE job_seeker_id = $1 ORDER BY scheduled_at, id",
        job_seeker_id,
    )


async def record_outcome(
    conn: asyncpg.Connection, session_id: uuid.UUID, *, status: str, guidance: str | None, action_plan: list | None, by: str
) -> asyncpg.Record:
    return await conn.fetchrow(
        "UPDATE guidance_sessions SET status = $2, guidance = $3, action_plan = $4, outcome_by = $5,"
        " outcome_at = clock_now() WHERE id = $1 RETURNING " + _COLUMNS,
        session_id,
        status,
        guidance,
        action_plan,
        by,
    )
