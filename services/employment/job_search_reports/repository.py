"""All SQL of job-search reports."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

_COLUMNS = (
    "id, job_seeker_id, report_month, reported_on, reported_at, channel, applications_made, interviews,"
    " guidance_attended, training_attended, notes, created_at"
)


async def insert_once(conn: asyncpg.Connection, values: dict, created_by: str) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO job_search_reports (id, job_seeker_id, report_month, reported_on, reported_at, channel,"
        " applications_made, interviews, guidance_attended, training_attended, notes, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        " ON CONFLICT (job_seeker_id, report_month) DO NOTHING RETURNING " + _COLUMNS,
        uuid.uuid4(),
        values["job_seeker_id"],
        values["report_month"],
        values["reported_on"],
        values["reported_at"],
        values["channel"],
        values["applications_made"],
        values["interviews"],
        values["guidance_attended"],
        values["training_attended"],
        values["notes"],
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM job_search_reports WHERE job_seeker_id = $1 AND report_month = $2",
        values["job_seeker_id"],
        values["report_month"],
    )
    return existing, False


async def for_job_seeker(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM job_search_reports WHERE job_seeker_id = $1 ORDER BY report_month",
        job_seeker_id,
    )


async def missing_for_month(
    conn: asyncpg.Connection, month: str, last_day: dt.date, district: str | None, limit: int
) -> list[asyncpg.Record]:
    """Active job seekers on benefit, registered by the month's end, with no report for it."""
    return await conn.fetch(
        "SELECT s.id AS job_seeker_id, s.district, s.registered_on AS registered_on"
        " FROM job_seekers s WHERE s.status = 'active' AND s.on_benefit"
        " AND s.registered_on <= $2"
        " AND ($3::text IS NULL OR s.district = $3)"
        " AND NOT EXISTS (SELECT 1 FROM job_search_reports r WHERE r.job_seeker_id = s.id AND r.report_month = $1)"
        " ORDER BY s.created_at, s.id LIMIT $4",
        month,
        last_day,
        district,
        limit,
    )
