"""All SQL of employer-registration policy rows. Parameterised statements only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from shared.policies import row_in_force

_COLUMNS = (
    "id, area_code, effective_from, effective_to, review_working_days, review_warning_working_days,"
    " enrolment_deadline_days, separation_notice_days, separation_notice_max_days, source, is_sample"
)


async def in_force(conn: asyncpg.Connection, district: str, on: dt.date) -> asyncpg.Record | None:
    """The most specific area's row in force on ``on``; within an area the latest start wins."""
    return await row_in_force(conn, "employer_registration_policy", _COLUMNS, district, on)


async def list_rows(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM employer_registration_policy"
        " WHERE ($1::text IS NULL OR area_code = $1) ORDER BY area_code, effective_from",
        area_code,
    )


async def insert(conn: asyncpg.Connection, values: dict[str, Any]) -> tuple[asyncpg.Record, bool]:
    """(row, created): the row already there for the same area and start date when not created."""
    row = await conn.fetchrow(
        """
        INSERT INTO employer_registration_policy (area_code, effective_from, effective_to,
            review_working_days, review_warning_working_days, enrolment_deadline_days,
            separation_notice_days, separation_notice_max_days, source, is_sample)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (area_code, effective_from) DO NOTHING
        RETURNING """ + _COLUMNS,
        values["area_code"],
        values["effective_from"],
        values["effective_to"],
        values["review_working_days"],
        values["review_warning_working_days"],
        values["enrolment_deadline_days"],
        values["separation_notice_days"],
        values["separation_notice_max_days"],
        values["source"],
        values["is_sample"],
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM employer_registration_policy WHERE area_code = $1 AND effective_from = $2",
        values["area_code"],
        values["effective_from"],
    )
    return existing, False
