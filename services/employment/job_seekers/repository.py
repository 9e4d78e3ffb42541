"""All SQL of job seekers."""

from __future__ import annotations

import uuid

import asyncpg

_COLUMNS = "id, registration_id, person_id, district, status, created_at"


async def insert_once(
    conn: asyncpg.Connection,
    *,
    registration_id: uuid.UUID,
    person_id: uuid.UUID,
    district: str,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO job_seekers (id, registration_id, person_id, district, created_by)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (registration_id) DO NOTHING"
        " RETURNING " + _COLUMNS,
        uuid.uuid4(),
        registration_id,
        person_id,
        district,
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM job_seekers WHERE registration_id = $1", registration_id
    )
    return existing, False


async def get(conn: asyncpg.Connection, job_seeker_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _COLUMNS + " FROM job_seekers WHERE id = $1"
    if for_update:
        query += " FOR UPDATE"
    return await conn.fetchrow(query, job_seeker_id)


async def list_for_district(
    conn: asyncpg.Connection, district: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM job_seekers WHERE ($1::text IS NULL OR district = $1)"
        " ORDER BY created_at DESC, id LIMIT $2 OFFSET $3",
        district,
        limit,
        offset,
    )


async def set_status(conn: asyncpg.Connection, job_seeker_id: uuid.UUID, status: str) -> None:
    await conn.execute("UPDATE job_seekers SET status = $2 WHERE id = $1", job_seeker_id, status)
