"""All SQL of employments (insured staff). Parameterised statements only."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_SELECT = """
    SELECT m.*, p.id_number, p.name, e.district, e.status AS employer_status
    FROM employments m
    JOIN persons p ON p.id = m.person_id
    JOIN employers e ON e.id = m.employer_id
"""


async def insert_employment(
    conn: asyncpg.Connection,
    *,
    employer_id: uuid.UUID,
    person_id: uuid.UUID,
    hired_on: dt.date,
    enrolled_on: dt.date,
    farmer_contract_worker: bool,
    late_enrolment: bool,
    created_by: str,
) -> uuid.UUID | None:
    """Insert an open employment; None if the same one, or another open one, already exists."""
    return await conn.fetchval(
        """
        INSERT INTO employments (id, employer_id, person_id, hired_on, enrolled_on,
                                 farmer_contract_worker, late_enrolment, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT DO NOTHING
        RETURNING id
        """,
        uuid.uuid4(),
        employer_id,
        person_id,
        hired_on,
        enrolled_on,
        farmer_contract_worker,
        late_enrolment,
        created_by,
    )


async def get(conn: asyncpg.Connection, employment_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(_SELECT + " WHERE m.id = $1", employment_id)


async def get_for_update(conn: asyncpg.Connection, employment_id: uuid.UUID) -> asyncpg.Record | None:
    await conn.execute("SELECT 1 FROM employments WHERE id = $1 FOR UPDATE", employment_id)
    return await get(conn, employment_id)


async def find_same_hire(
    conn: asyncpg.Connection, employer_id: uuid.UUID, person_id: uuid.UUID, hired_on: dt.date
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        _SELECT + " WHERE m.employer_id = $1 AND m.person_id = $2 AND m.hired_on = $3",
        employer_id,
        person_id,
        hired_on,
    )


async def list_for_employer(
    conn: asyncpg.Connection, employer_id: uuid.UUID, *, open_only: bool, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        _SELECT
        + " WHERE m.employer_id = $1 AND (NOT $2 OR m.separated_on IS NULL)"
        + " ORDER BY m.hired_on, m.id LIMIT $3 OFFSET $4",
        employer_id,
        open_only,
        limit,
        offset,
    )


async def record_separation(
    conn: asyncpg.Connection,
    employment_id: uuid.UUID,
    *,
    separated_on: dt.date,
    reason: str,
    notified_on: dt.date,
    timeliness: str,
) -> None:
    await conn.execute(
        """
        UPDATE employments
        SET separated_on = $2, separation_reason = $3, separation_notified_on = $4,
            separation_notice_timeliness = $5, updated_at = clock_now()
        WHERE id = $1 AND separated_on IS NULL
        """,
        employment_id,
        separated_on,
        reason,
        notified_on,
        timeliness,
    )


async def headcount(conn: asyncpg.Connection, employer_id: uuid.UUID, on: dt.date) -> int:
    """Insured staff on a date (hired on or before it, not separated before it)."""
    return await conn.fetchval(
        """
        SELECT count(*) FROM employments
        WHERE employer_id = $1 AND hired_on <= $2 AND (separated_on IS NULL OR separated_on >= $2)
        """,
        employer_id,
        on,
    )


async def separations(
    conn: asyncpg.Connection,
    *,
    district: str | None,
    timeliness: list[str] | None,
    since: dt.date,
    until: dt.date,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    """Separations filed in [since, until], oldest first (R-EMP-1 compliance); ``timeliness``:
    the notice classes to list, None for all."""
    return await conn.fetch(
        _SELECT
        + """ WHERE m.separation_notified_on BETWEEN $1 AND $2
              AND ($3::text IS NULL OR e.district = $3)
              AND ($4::text[] IS NULL OR m.separation_notice_timeliness = ANY($4::text[]))
            ORDER BY m.separation_notified_on, m.id LIMIT $5 OFFSET $6""",
        since,
        until,
        district,
        timeliness,
        limit,
        offset,
    )


async def list_for_person(conn: asyncpg.Connection, person_id: uuid.UUID) -> list[asyncpg.Record]:
    """Every insured employment of one person, across employers, oldest hire first."""
    return await conn.fetch(
        "SELECT id, employer_id, hired_on, enrolled_on, separated_on FROM employments"
        " WHERE person_id = $1 ORDER BY hired_on, id",
        person_id,
    )
