"""All SQL of contribution policy rows. Parameterised statements only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg

_RATE_COLUMNS = "id, area_code, effective_from, effective_to, employer_rate, employee_rate, source, is_sample"
_COLLECTION_COLUMNS = (
    "id, area_code, effective_from, effective_to, due_day, late_fee_daily_rate, assessment_factor,"
    " source, is_sample"
)


async def list_rates(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _RATE_COLUMNS + " FROM contribution_rate_policies"
        " WHERE ($1::text IS NULL OR area_code = $1) ORDER BY area_code, effective_from",
        area_code,
    )


async def list_collection(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLLECTION_COLUMNS + " FROM contribution_collection_policies"
        " WHERE ($1::text IS NULL OR area_code = $1) ORDER BY area_code, effective_from",
        area_code,
    )


async def insert_rate(
    conn: asyncpg.Connection,
    *,
    area_code: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    employer_rate: Decimal,
    employee_rate: Decimal,
    source: str,
    is_sample: bool,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        """
        INSERT INTO contribution_rate_policies
            (area_code, effective_from, effective_to, employer_rate, employee_rate, source, is_sample)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (area_code, effective_from) DO NOTHING
        RETURNING """ + _RATE_COLUMNS,
        area_code,
        effective_from,
        effective_to,
        employer_rate,
        employee_rate,
        source,
        is_sample,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _RATE_COLUMNS + " FROM contribution_rate_policies"
        " WHERE area_code = $1 AND effective_from = $2",
        area_code,
        effective_from,
    )
    return existing, False


async def insert_collection(
    conn: asyncpg.Connection,
    *,
    area_code: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    due_day: int,
    late_fee_daily_rate: Decimal,
    assessment_factor: Decimal,
    source: str,
    is_sample: bool,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        """
        INSERT INTO contribution_collection_policies
            (area_code, effective_from, effective_to, due_day, late_fee_daily_rate, assessment_factor,
             source, is_sample)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (area_code, effective_from) DO NOTHING
        RETURNING """ + _COLLECTION_COLUMNS,
        area_code,
        effective_from,
        effective_to,
        due_day,
        late_fee_daily_rate,
        assessment_factor,
        source,
        is_sample,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLLECTION_COLUMNS + " FROM contribution_collection_policies"
        " WHERE area_code = $1 AND effective_from = $2",
        area_code,
        effective_from,
    )
    return existing, False
