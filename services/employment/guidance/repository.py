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


async def first_offers_due(conn: asyncpg.Connection, district: str | None, limit: int) -> list[asyncpg.Record]:
    """Active job seekers on benefit without any session, with the policy's days in force on
    their registration date (most specific area first)."""
    return await conn.fetch(
        """
        SELECT s.id AS job_seeker_id, s.district, s.registered_on AS registered_on,
               p.value AS days
        FROM job_seekers s
        LEFT JOIN LATERAL (
            SELECT value FROM policy_parameters
            WHERE name = 'first_guidance_days'
              AND area_code = ANY (area_chain(s.district))
              AND effective_from <= s.registered_on
              AND (effective_to IS NULL OR effective_to > s.registered_on)
            ORDER BY array_position(area_chain(s.district), area_code::text), effective_from DESC
            LIMIT 1
        ) p ON true
        WHERE s.status = 'active' AND s.on_benefit AND ($1::text IS NULL OR s.district = $1)
          AND NOT EXISTS (SELECT 1 FROM guidance_sessions g WHERE g.job_seeker_id = s.id)
        ORDER BY s.created_at, s.id
        LIMIT $2
        """,
        district,
        limit,
    )
