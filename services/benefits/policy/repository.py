"""All SQL of the policy tables. In force on a date: the most specific area first (district →
city → province), then the latest effective_from on or before the date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg

from shared.policies import IN_FORCE, MOST_SPECIFIC_FIRST, area_chain, row_in_force

PARAMETER_COLUMNS = (
    "id, area_code, name, effective_from, effective_to, amount, ratio, count, option, source,"
    " is_sample, created_by, created_at, first_used_at"
)
DURATION_COLUMNS = (
    "id, area_code, effective_from, effective_to, min_contribution_years, months, source,"
    " is_sample, created_by, created_at, first_used_at"
)
AMOUNT_COLUMNS = (
    "id, area_code, effective_from, effective_to, monthly_amount, source, is_sample, created_by,"
    " created_at, first_used_at"
)


async def benefit_amount_in_force(
    conn: asyncpg.Connection, district: str, on: dt.date
) -> asyncpg.Record | None:
    return await row_in_force(conn, "benefit_amount_policies", AMOUNT_COLUMNS, district, on)


async def parameter_in_force(
    conn: asyncpg.Connection, district: str, name: str, on: dt.date
) -> asyncpg.Record | None:
    return await row_in_force(conn, "policy_parameters", PARAMETER_COLUMNS, district, on, name=name)


async def duration_band_in_force(
    conn: asyncpg.Connection, district: str, on: dt.date, contribution_years: int
) -> asyncpg.Record | None:
    """R-DUR-1/5: the band of the table version in force that covers the completed years."""
    return await conn.fetchrow(
        """
        WITH in_force AS (SELECT * FROM duration_policies WHERE """ + IN_FORCE + """),
        version AS (SELECT area_code, effective_from FROM in_force """ + MOST_SPECIFIC_FIRST + """ LIMIT 1)
        SELECT d.id, d.area_code, d.effective_from, d.effective_to, d.min_contribution_years,
               d.months, d.source, d.is_sample, d.created_by, d.created_at, d.first_used_at
        FROM in_force d JOIN version v USING (area_code, effective_from)
        WHERE d.min_contribution_years <= $3
        ORDER BY d.min_contribution_years DESC
        LIMIT 1
        """,
        area_chain(district),
        on,
        contribution_years,
    )


async def mark_used(
    conn: asyncpg.Connection,
    *,
    parameter_ids: list[int],
    duration_ids: list[int],
    amount_ids: list[int],
) -> None:
    """Once a claim has used a row it is frozen (trigger policy_row_frozen_once_used)."""
    await conn.execute(
        "UPDATE policy_parameters SET first_used_at = clock_now() WHERE id = ANY($1::bigint[]) AND first_used_at IS NULL",
        parameter_ids,
    )
    await conn.execute(
        "UPDATE duration_policies SET first_used_at = clock_now() WHERE id = ANY($1::bigint[]) AND first_used_at IS NULL",
        duration_ids,
    )
    await conn.execute(
        "UPDATE benefit_amount_policies SET first_used_at = clock_now()"
        " WHERE id = ANY($1::bigint[]) AND first_used_at IS NULL",
        amount_ids,
    )


async def insert_parameter(
    conn: asyncpg.Connection,
    *,
    area_code: str,
    name: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    amount: Decimal | None,
    ratio: Decimal | None,
    count: int | None,
    option: str | None,
    source: str,
    is_sample: bool,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO policy_parameters (area_code, name, effective_from, effective_to, amount, ratio,"
        " count, option, source, is_sample, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " ON CONFLICT (area_code, name, effective_from) DO NOTHING RETURNING " + PARAMETER_COLUMNS,
        area_code, name, effective_from, effective_to, amount, ratio, count, option, source,
        is_sample, created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + PARAMETER_COLUMNS + " FROM policy_parameters"
        " WHERE area_code = $1 AND name = $2 AND effective_from = $3",
        area_code, name, effective_from,
    )
    return existing, False


async def list_parameters(
    conn: asyncpg.Connection, area_code: str | None, name: str | None
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + PARAMETER_COLUMNS + " FROM policy_parameters"
        " WHERE ($1::text IS NULL OR area_code = $1) AND ($2::text IS NULL OR name = $2)"
        " ORDER BY name, area_code, effective_from",
        area_code,
        name,
    )


async def lock_duration_version(conn: asyncpg.Connection, area_code: str, effective_from: dt.date) -> None:
    """Serialise writers of the same table version (until the transaction ends) so two concurrent
    posts cannot interleave bands."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('duration_policies:' || $1 || ':' || $2))",
        area_code,
        effective_from.isoformat(),
    )


async def duration_version(
    conn: asyncpg.Connection, area_code: str, effective_from: dt.date
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + DURATION_COLUMNS + " FROM duration_policies"
        " WHERE area_code = $1 AND effective_from = $2 ORDER BY min_contribution_years",
        area_code,
        effective_from,
    )


async def insert_duration_rows(
    conn: asyncpg.Connection,
    *,
    area_code: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    bands: list[tuple[int, int]],
    source: str,
    is_sample: bool,
    created_by: str,
) -> None:
    # One statement for the whole table version.
    await conn.execute(
        "INSERT INTO duration_policies (area_code, effective_from, effective_to, min_contribution_years,"
        " months, source, is_sample, created_by)"
        " SELECT $1, $2, $3, b.years, b.months, $6, $7, $8"
        " FROM unnest($4::int[], $5::int[]) AS b (years, months)",
        area_code,
        effective_from,
        effective_to,
        [years for years, _ in bands],
        [months for _, months in bands],
        source,
        is_sample,
        created_by,
    )


async def list_durations(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + DURATION_COLUMNS + " FROM duration_policies WHERE ($1::text IS NULL OR area_code = $1)"
        " ORDER BY area_code, effective_from, min_contribution_years",
        area_code,
    )


async def insert_amount(
    conn: asyncpg.Connection,
    *,
    area_code: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    monthly_amount: Decimal,
    source: str,
    is_sample: bool,
    created_by: str,
) -> asyncpg.Record:
    return await conn.fetchrow(
        "INSERT INTO benefit_amount_policies (area_code, effective_from, effective_to, monthly_amount,"
        " source, is_sample, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + AMOUNT_COLUMNS,
        area_code, effective_from, effective_to, monthly_amount, source, is_sample, created_by,
    )


async def lock_amount_version(conn: asyncpg.Connection, area_code: str, effective_from: dt.date) -> None:
    """Serialise writers of the same area and effective date (until the transaction ends)."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('benefit_amount_policies:' || $1 || ':' || $2))",
        area_code,
        effective_from.isoformat(),
    )


async def find_amount(
    conn: asyncpg.Connection, area_code: str, effective_from: dt.date
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + AMOUNT_COLUMNS + " FROM benefit_amount_policies WHERE area_code = $1 AND effective_from = $2"
        " ORDER BY id LIMIT 1",
        area_code,
        effective_from,
    )


async def list_amounts(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + AMOUNT_COLUMNS + " FROM benefit_amount_policies WHERE ($1::text IS NULL OR area_code = $1)"
        " ORDER BY area_code, effective_from",
        area_code,
    )


async def duration_table_in_force(conn: asyncpg.Connection, district: str, on: dt.date) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        WITH version AS (
            SELECT area_code, effective_from FROM duration_policies WHERE """ + IN_FORCE + """
            """ + MOST_SPECIFIC_FIRST + """ LIMIT 1
        )
        SELECT d.id, d.area_code, d.effective_from, d.effective_to, d.min_contribution_years, d.months,
               d.source, d.is_sample, d.created_by, d.created_at, d.first_used_at
        FROM duration_policies d JOIN version v USING (area_code, effective_from)
        ORDER BY d.min_contribution_years
        """,
        area_chain(district),
        on,
    )
