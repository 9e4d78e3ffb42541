"""All SQL of placements."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_COLUMNS = "id, job_seeker_id, employer_name, start_date, through_referral, created_at"


async def insert_once(
    conn: asyncpg.Connection,
    *,
    job_seeker_id: uuid.UUID,
    employer_name: str,
    start_date: dt.date,
    through_referral: bool,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO placements (id, job_seeker_id, employer_name, start_date, through_referral,"
        " created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_seeker_id) DO NOTHING"
        " RETURNING " + _COLUMNS,
        uuid.uuid4(),
        job_seeker_id,
        employer_name,
        start_date,
        through_referral,
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM placements WHERE job_seeker_id = $1", job_seeker_id
    )
    return existing, False
