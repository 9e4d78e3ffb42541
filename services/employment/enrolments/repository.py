"""All SQL of enrolments and attendance."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_COLUMNS = (
    "e.id, e.course_id, e.job_seeker_id, e.status, e.completed_on, e.certificate_no,"
    " e.certificate_level, e.created_at,"
    " (SELECT count(*) FROM training_attendance a WHERE a.enrolment_id = e.id) AS days_recorded,"
    " (SELECT count(*) FROM training_attendance a WHERE a.enrolment_id = e.id AND a.present) AS days_present"
)


async def seats_taken(conn: asyncpg.Connection, course_id: uuid.UUID) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM enrolments WHERE course_id = $1 AND status <> 'withdrawn'", course_id
    )


async def find(conn: asyncpg.Connection, course_id: uuid.UUID, job_seeker_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM enrolments e WHERE e.course_id = $1 AND e.job_seeker_id = $2",
        course_id,
        job_seeker_id,
    )


async def insert(
    conn: asyncpg.Connection, course_id: uuid.UUID, job_seeker_id: uuid.UUID, created_by: str
) -> asyncpg.Record:
    enrolment_id = await conn.fetchval(
        "INSERT INTO enrolments (id, course_id, job_seeker_id, created_by) VALUES ($1, $2, $3, $4) RETURNING id",
        uuid.uuid4(),
        course_id,
        job_seeker_id,
        created_by,
    )
    return await get(conn, enrolment_id)


async def get(conn: asyncpg.Connection, enrolment_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _COLUMNS + " FROM enrolments e WHERE e.id = $1"
    if for_update:
        query += " FOR UPDATE OF e"
    return await conn.fetchrow(query, enrolment_id)


async def list_for_course(conn: asyncpg.Connection, course_id: uuid.UUID, district: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM enrolments e JOIN job_seekers s ON s.id = e.job_seeker_id"
        " WHERE e.course_id = $1 AND ($2::text IS NULL OR s.district = $2) ORDER BY e.created_at, e.id",
        course_id,
        district,
    )


async def list_for_job_seeker(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM enrolments e WHERE e.job_seeker_id = $1 ORDER BY e.created_at, e.id",
        job_seeker_id,
    )


async def insert_attendance_once(
    conn: asyncpg.Connection, enrolment_id: uuid.UUID, day: dt.date, present: bool, recorded_by: str
) -> bool | None:
    """Returns the stored ``present`` (the existing one when the day was already recorded)."""
    inserted = await conn.fetchval(
        "INSERT INTO training_attendance (enrolment_id, day, present, recorded_by) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (enrolment_id, day) DO NOTHING RETURNING present",
        enrolment_id,
        day,
        present,
        recorded_by,
    )
    if inserted is not None:
        return inserted
    return await conn.fetchval(
        "SELECT present FROM training_attendance WHERE enrolment_id = $1 AND day = $2", enrolment_id, day
    )


async def complete(
    conn: asyncpg.Connection,
    enrolment_id: uuid.UUID,
    *,
    status: str,
    completed_on: dt.date,
    certificate_no: str | None,
    certificate_level: str | None,
) -> None:
    await conn.execute(
        "UPDATE enrolments SET status = $2, completed_on = $3, certificate_no = $4, certificate_level = $5,"
        " updated_at = clock_now() WHERE id = $1",
        enrolment_id,
        status,
        completed_on,
        certificate_no,
        certificate_level,
    )


async def withdraw(conn: asyncpg.Connection, enrolment_id: uuid.UUID) -> None:
    await conn.execute(
        "UPDATE enrolments SET status = 'withdrawn', updated_at = clock_now() WHERE id = $1", enrolment_id
    )
