"""All SQL of placements."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_COLUMNS = (
    "id, job_seeker_id, employer_name, start_date, through_referral, source, referral_id,"
    " employer_id, evidence_ref, created_at"
)


async def insert_once(
    conn: asyncpg.Connection,
    *,
    job_seeker_id: uuid.UUID,
    employer_name: str,
    start_date: dt.date,
    through_referral: bool,
    source: str,
    referral_id: uuid.UUID | None,
    employer_id: uuid.UUID | None,
    evidence_ref: str | None,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO placements (id, job_seeker_id, employer_name, start_date, through_referral,"
        " source, referral_id, employer_id, evidence_ref, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (job_seeker_id) DO NOTHING"
        " RETURNING " + _COLUMNS,
        uuid.uuid4(),
        job_seeker_id,
        employer_name,
        start_date,
        through_referral,
        source,
        referral_id,
        employer_id,
        evidence_ref,
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM placements WHERE job_seeker_id = $1", job_seeker_id
    )
    return existing, False


async def for_job_seeker(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + _COLUMNS + " FROM placements WHERE job_seeker_id = $1", job_seeker_id)


async def from_evidence(conn: asyncpg.Connection, person_id: uuid.UUID, evidence_ref: str) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + ", ".join("p." + c.strip() for c in _COLUMNS.split(","))
        + " FROM placements p JOIN job_seekers s ON s.id = p.job_seeker_id"
        " WHERE s.person_id = $1 AND p.source = 'contribution_records' AND p.evidence_ref = $2"
        " ORDER BY p.created_at, p.id",
        person_id,
        evidence_ref,
    )
