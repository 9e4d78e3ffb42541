"""All SQL of vacancies."""

from __future__ import annotations

import uuid

import asyncpg

_COLUMNS = (
    "v.id, v.employer_name, v.employer_id, v.posting_ref, v.occupation, v.district, v.wage_min,"
    " v.wage_max, v.openings, v.min_education, v.required_skills, v.required_certificate_level,"
    " v.working_time, v.status, v.created_at,"
    " (SELECT count(*) FROM referrals r WHERE r.vacancy_id = v.id AND r.status = 'hired') AS filled"
)


async def insert_once(conn: asyncpg.Connection, values: dict, created_by: str) -> tuple[asyncpg.Record, bool]:
    vacancy_id = await conn.fetchval(
        "INSERT INTO vacancies (id, employer_name, employer_id, posting_ref, occupation, district,"
        " wage_min, wage_max, openings, min_education, required_skills, required_certificate_level,"
        " working_time, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        " ON CONFLICT (employer_name, posting_ref) DO NOTHING RETURNING id",
        uuid.uuid4(),
        values["employer_name"],
        values["employer_id"],
        values["posting_ref"],
        values["occupation"],
        values["district"],
        values["wage_min"],
        values["wage_max"],
        values["openings"],
        values["min_education"],
        values["required_skills"],
        values["required_certificate_level"],
        values["working_time"],
        created_by,
    )
    if vacancy_id is not None:
        return await get(conn, vacancy_id), True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM vacancies v WHERE v.employer_name = $1 AND v.posting_ref = $2",
        values["employer_name"],
        values["posting_ref"],
    )
    return existing, False


async def get(conn: asyncpg.Connection, vacancy_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _COLUMNS + " FROM vacancies v WHERE v.id = $1"
    if for_update:
        query += " FOR UPDATE OF v"
    return await conn.fetchrow(query, vacancy_id)


async def list_vacancies(
    conn: asyncpg.Connection,
    *,
    occupation: str | None,
    district: str | None,
    status: str | None,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM vacancies v WHERE ($1::text IS NULL OR v.occupation = $1)"
        " AND ($2::text IS NULL OR v.district = $2) AND ($3::text IS NULL OR v.status = $3)"
        " ORDER BY v.created_at DESC, v.id LIMIT $4 OFFSET $5",
        occupation,
        district,
        status,
        limit,
        offset,
    )


async def open_with_openings(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM (SELECT " + _COLUMNS + " FROM vacancies v WHERE v.status = 'open') o"
        " WHERE o.filled < o.openings"
    )


async def close(conn: asyncpg.Connection, vacancy_id: uuid.UUID) -> None:
    await conn.execute("UPDATE vacancies SET status = 'closed' WHERE id = $1", vacancy_id)


async def lock(conn: asyncpg.Connection, vacancy_id: uuid.UUID) -> None:
    await conn.execute("SELECT 1 FROM vacancies WHERE id = $1 FOR UPDATE", vacancy_id)
