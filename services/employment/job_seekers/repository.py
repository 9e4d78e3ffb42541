"""All SQL of job seekers and their certificates."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_COLUMNS = (
    "id, registration_id, person_id, district, status, education, skills, preferred_occupations,"
    " preferred_districts, available_from, working_time, on_benefit, withdrawal_reason,"
    " withdrawal_note, withdrawn_on, benefit_ended_on, benefit_end_reason, registered_on, created_at,"
    " updated_at"
)
_CERTIFICATE_COLUMNS = (
    "id, job_seeker_id, certificate_no, occupation, level, issued_on, source, enrolment_id, created_at"
)


async def insert_once(
    conn: asyncpg.Connection,
    *,
    registration_id: uuid.UUID,
    person_id: uuid.UUID,
    district: str,
    on_benefit: bool,
    profile: dict,
    registered_on: dt.date,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO job_seekers (id, registration_id, person_id, district, on_benefit, education,"
        " skills, preferred_occupations, preferred_districts, available_from, working_time,"
        " created_by, registered_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        " ON CONFLICT (registration_id) DO NOTHING RETURNING " + _COLUMNS,
        uuid.uuid4(),
        registration_id,
        person_id,
        district,
        on_benefit,
        profile["education"],
        profile["skills"],
        profile["preferred_occupations"],
        profile["preferred_districts"],
        profile["available_from"],
        profile["working_time"],
        created_by,
        registered_on,
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
    conn: asyncpg.Connection, district: str | None, status: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM job_seekers WHERE ($1::text IS NULL OR district = $1)"
        " AND ($2::text IS NULL OR status = $2)"
        " ORDER BY created_at DESC, id LIMIT $3 OFFSET $4",
        district,
        status,
        limit,
        offset,
    )


async def active_for_matching(
    conn: asyncpg.Connection, district: str | None, job_seeker_id: uuid.UUID | None = None
) -> list[asyncpg.Record]:
    """Active job seekers with their certificates as ``occupation:level`` strings."""
    return await conn.fetch(
        "SELECT " + _COLUMNS + ", COALESCE((SELECT array_agg(c.occupation || ':' || COALESCE(c.level, ''))"
        " FROM certificates c WHERE c.job_seeker_id = job_seekers.id), '{}') AS certificates"
        " FROM job_seekers WHERE status = 'active' AND ($1::text IS NULL OR district = $1)"
        " AND ($2::uuid IS NULL OR id = $2)",
        district,
        job_seeker_id,
    )


async def active_for_person(conn: asyncpg.Connection, person_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM job_seekers WHERE person_id = $1 AND status = 'active'"
        " ORDER BY created_at, id FOR UPDATE",
        person_id,
    )


async def set_status(conn: asyncpg.Connection, job_seeker_id: uuid.UUID, status: str) -> None:
    await conn.execute(
        "UPDATE job_seekers SET status = $2, updated_at = clock_now() WHERE id = $1", job_seeker_id, status
    )


async def update_profile(conn: asyncpg.Connection, job_seeker_id: uuid.UUID, profile: dict) -> asyncpg.Record:
    return await conn.fetchrow(
        "UPDATE job_seekers SET education = $2, skills = $3, preferred_occupations = $4,"
        " preferred_districts = $5, available_from = $6, working_time = $7, updated_at = clock_now()"
        " WHERE id = $1 RETURNING " + _COLUMNS,
        job_seeker_id,
        profile["education"],
        profile["skills"],
        profile["preferred_occupations"],
        profile["preferred_districts"],
        profile["available_from"],
        profile["working_time"],
    )


async def withdraw(
    conn: asyncpg.Connection, job_seeker_id: uuid.UUID, reason: str, note: str | None, on: dt.date
) -> asyncpg.Record:
    return await conn.fetchrow(
        "UPDATE job_seekers SET status = 'withdrawn', withdrawal_reason = $2, withdrawal_note = $3,"
        " withdrawn_on = $4, updated_at = clock_now() WHERE id = $1 RETURNING " + _COLUMNS,
        job_seeker_id,
        reason,
        note,
        on,
    )


async def insert_certificate_once(
    conn: asyncpg.Connection,
    *,
    job_seeker_id: uuid.UUID,
    certificate_no: str,
    occupation: str,
    level: str | None,
    issued_on: dt.date,
    source: str,
    enrolment_id: uuid.UUID | None,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO certificates (id, job_seeker_id, certificate_no, occupation, level, issued_on,"
        " source, enrolment_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (job_seeker_id, certificate_no) DO NOTHING RETURNING " + _CERTIFICATE_COLUMNS,
        uuid.uuid4(),
        job_seeker_id,
        certificate_no,
        occupation,
        level,
        issued_on,
        source,
        enrolment_id,
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _CERTIFICATE_COLUMNS + " FROM certificates WHERE job_seeker_id = $1 AND certificate_no = $2",
        job_seeker_id,
        certificate_no,
    )
    return existing, False


async def certificates_of(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _CERTIFICATE_COLUMNS + " FROM certificates WHERE job_seeker_id = $1 ORDER BY issued_on, id",
        job_seeker_id,
    )


async def mark_on_benefit(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> asyncpg.Record:
    return await conn.fetchrow(
        "UPDATE job_seekers SET on_benefit = true, updated_at = clock_now() WHERE id = $1 RETURNING " + _COLUMNS,
        job_seeker_id,
    )


async def exists_for_person(conn: asyncpg.Connection, person_id: uuid.UUID) -> bool:
    return await conn.fetchval("SELECT EXISTS (SELECT 1 FROM job_seekers WHERE person_id = $1)", person_id)


async def record_benefit_end(
    conn: asyncpg.Connection, job_seeker_id: uuid.UUID, ended_on: dt.date, reason: str
) -> asyncpg.Record:
    return await conn.fetchrow(
        "UPDATE job_seekers SET benefit_ended_on = $2, benefit_end_reason = $3, updated_at = clock_now()"
        " WHERE id = $1 RETURNING " + _COLUMNS,
        job_seeker_id,
        ended_on,
        reason,
    )
