"""All SQL of unemployment registrations. Parameterised statements only."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

# The employment is the one linked at registration or, when none was held then, one the employer
# separated later on the stated date (the separation list may arrive up to 15 days after, R-EMP-1).
_SELECT = """
    SELECT r.id, r.person_id, p.id_number, p.name, r.district, r.basis, r.residence_category,
           r.separation_date, r.separation_reason, r.registration_date, r.status, r.journey_workflow_id,
           r.ended_on, r.end_reason, r.end_evidence_ref, r.created_at, r.wants_work, e.id AS employment_id,
           CASE WHEN r.basis = 'residence' THEN NULL
                WHEN e.id IS NULL THEN 'applicant' ELSE 'employer_record' END AS separation_source,
           e.employer_id, e.separated_on AS record_separation_date,
           e.separation_reason AS record_separation_reason,
           EXISTS (SELECT 1 FROM employments o
                   WHERE o.person_id = r.person_id AND o.separated_on IS NULL
                     AND o.hired_on <= r.registration_date) AS employed_per_records
    FROM unemployment_registrations r JOIN persons p ON p.id = r.person_id
    LEFT JOIN LATERAL (
        SELECT id, employer_id, separated_on, separation_reason FROM employments
        WHERE id = r.employment_id
           OR (r.employment_id IS NULL AND person_id = r.person_id AND separated_on = r.separation_date)
        ORDER BY hired_on DESC, id
        LIMIT 1
    ) e ON true
"""


async def upsert_person(conn: asyncpg.Connection, id_number: str, name: str) -> uuid.UUID:
    person_id = await conn.fetchval(
        """
        INSERT INTO persons (id, id_number, name) VALUES ($1, $2, $3)
        ON CONFLICT (id_number) DO NOTHING
        RETURNING id
        """,
        uuid.uuid4(),
        id_number,
        name,
    )
    if person_id is None:
        person_id = await conn.fetchval("SELECT id FROM persons WHERE id_number = $1", id_number)
    return person_id


async def find_person(conn: asyncpg.Connection, id_number: str) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT id, id_number, name FROM persons WHERE id_number = $1", id_number)


async def insert_registration(
    conn: asyncpg.Connection,
    *,
    registration_id: uuid.UUID,
    person_id: uuid.UUID,
    district: str,
    basis: str,
    residence_category: str | None,
    separation_date: dt.date | None,
    separation_reason: str | None,
    registration_date: dt.date,
    journey_workflow_id: str,
    created_by: str,
    employment_id: uuid.UUID | None = None,
) -> bool:
    """Insert an open registration; False if the person already has one open."""
    inserted = await conn.fetchval(
        """
        INSERT INTO unemployment_registrations (
            id, person_id, district, separation_date, separation_reason, registration_date,
            wants_work, journey_workflow_id, created_by, employment_id, separation_source,
            basis, residence_category)
        VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8, $9,
                CASE WHEN $9::uuid IS NULL THEN 'applicant' ELSE 'employer_record' END, $10, $11)
        ON CONFLICT (person_id) WHERE status = 'open' DO NOTHING
        RETURNING id
        """,
        registration_id,
        person_id,
        district,
        separation_date,
        separation_reason,
        registration_date,
        journey_workflow_id,
        created_by,
        employment_id,
        basis,
        residence_category,
    )
    return inserted is not None


async def lock(conn: asyncpg.Connection, registration_id: uuid.UUID) -> None:
    await conn.execute("SELECT 1 FROM unemployment_registrations WHERE id = $1 FOR UPDATE", registration_id)


async def record_end(
    conn: asyncpg.Connection,
    registration_id: uuid.UUID,
    *,
    ended_on: dt.date,
    reason: str,
    evidence_ref: str | None,
    ended_by: str,
) -> None:
    """R-SPELL-1: the spell ends; the person may register again (the unique index is on open ones)."""
    await conn.execute(
        """
        UPDATE unemployment_registrations
        SET status = 'closed', ended_on = $2, end_reason = $3, end_evidence_ref = $4, ended_by = $5,
            ended_at = clock_now()
        WHERE id = $1 AND status = 'open'
        """,
        registration_id,
        ended_on,
        reason,
        evidence_ref,
        ended_by,
    )


async def list_for_person(
    conn: asyncpg.Connection, person_id: uuid.UUID, district: str | None
) -> list[asyncpg.Record]:
    """Every spell of the person, the latest first (a service point: its district's only)."""
    return await conn.fetch(
        _SELECT + " WHERE r.person_id = $1 AND ($2::text IS NULL OR r.district = $2)"
        " ORDER BY r.registration_date DESC, r.created_at DESC, r.id",
        person_id,
        district,
    )


async def get_employment(conn: asyncpg.Connection, employment_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT id, person_id, employer_id, separated_on, separation_reason FROM employments WHERE id = $1",
        employment_id,
    )


async def find_separation(
    conn: asyncpg.Connection, person_id: uuid.UUID, separation_date: dt.date
) -> asyncpg.Record | None:
    """The person's employment that ended on the stated date (the latest hired, if several)."""
    return await conn.fetchrow(
        """
        SELECT id, person_id, employer_id, separated_on, separation_reason FROM employments
        WHERE person_id = $1 AND separated_on = $2
        ORDER BY hired_on DESC, id LIMIT 1
        """,
        person_id,
        separation_date,
    )


async def get(conn: asyncpg.Connection, registration_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(_SELECT + " WHERE r.id = $1", registration_id)


async def get_open_for_person(conn: asyncpg.Connection, person_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        _SELECT + " WHERE r.person_id = $1 AND r.status = 'open'", person_id
    )


async def list_for_district(
    conn: asyncpg.Connection, district: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        _SELECT
        + " WHERE ($1::text IS NULL OR r.district = $1) ORDER BY r.created_at DESC, r.id"
        + " LIMIT $2 OFFSET $3",
        district,
        limit,
        offset,
    )


async def last_ended(conn: asyncpg.Connection, person_id: uuid.UUID) -> asyncpg.Record | None:
    """The person's spell that ended last: its end date and district."""
    return await conn.fetchrow(
        """
        SELECT ended_on, district FROM unemployment_registrations
        WHERE person_id = $1 AND status = 'closed'
        ORDER BY ended_on DESC, id LIMIT 1
        """,
        person_id,
    )
