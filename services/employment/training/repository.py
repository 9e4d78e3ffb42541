"""All SQL of training providers and courses."""

from __future__ import annotations

import uuid

import asyncpg

_PROVIDER_COLUMNS = "id, name, uscc, district, created_at"
# Seats are taken by every enrolment but a withdrawn one.
_COURSE_COLUMNS = (
    "c.id, c.provider_id, c.code, c.title, c.occupation, c.level, c.capacity, c.start_date,"
    " c.end_date, c.cost, c.created_at, (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id"
    " AND e.status <> 'withdrawn') AS seats_taken"
)


async def insert_provider_once(
    conn: asyncpg.Connection, *, name: str, uscc: str | None, district: str, created_by: str
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO training_providers (id, name, uscc, district, created_by) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT DO NOTHING RETURNING " + _PROVIDER_COLUMNS,
        uuid.uuid4(),
        name,
        uscc,
        district,
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _PROVIDER_COLUMNS + " FROM training_providers WHERE name = $1 OR uscc = $2"
        " ORDER BY (name = $1) DESC LIMIT 1",
        name,
        uscc,
    )
    return existing, False


async def get_provider(conn: asyncpg.Connection, provider_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + _PROVIDER_COLUMNS + " FROM training_providers WHERE id = $1", provider_id)


async def list_providers(conn: asyncpg.Connection, limit: int, offset: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _PROVIDER_COLUMNS + " FROM training_providers ORDER BY name, id LIMIT $1 OFFSET $2",
        limit,
        offset,
    )


async def insert_course_once(conn: asyncpg.Connection, values: dict, created_by: str) -> tuple[asyncpg.Record, bool]:
    course_id = await conn.fetchval(
        "INSERT INTO courses (id, provider_id, code, title, occupation, level, capacity, start_date,"
        " end_date, cost, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT (provider_id, code) DO NOTHING RETURNING id",
        uuid.uuid4(),
        values["provider_id"],
        values["code"],
        values["title"],
        values["occupation"],
        values["level"],
        values["capacity"],
        values["start_date"],
        values["end_date"],
        values["cost"],
        created_by,
    )
    if course_id is not None:
        return await get_course(conn, course_id), True
    existing = await conn.fetchrow(
        "SELECT " + _COURSE_COLUMNS + " FROM courses c WHERE c.provider_id = $1 AND c.code = $2",
        values["provider_id"],
        values["code"],
    )
    return existing, False


async def get_course(conn: asyncpg.Connection, course_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + _COURSE_COLUMNS + " FROM courses c WHERE c.id = $1", course_id)


async def lock_course(conn: asyncpg.Connection, course_id: uuid.UUID) -> asyncpg.Record | None:
    """Serialises enrolments of one course: the seat count read after this lock is exact."""
    return await conn.fetchrow(
        "SELECT id, occupation, level, capacity, start_date, end_date FROM courses WHERE id = $1 FOR UPDATE",
        course_id,
    )


async def list_courses(
    conn: asyncpg.Connection, occupation: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COURSE_COLUMNS + " FROM courses c WHERE ($1::text IS NULL OR c.occupation = $1)"
        " ORDER BY c.start_date, c.id LIMIT $2 OFFSET $3",
        occupation,
        limit,
        offset,
    )
