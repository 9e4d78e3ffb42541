"""All SQL of the operator-entered working-day calendar."""

from __future__ import annotations

import datetime as dt

import asyncpg


async def years_with_days(
    conn: asyncpg.Connection, years: list[int]
) -> dict[int, dict[dt.date, bool]]:
    rows = await conn.fetch(
        """
        SELECT y.year, d.day, d.is_working_day
        FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
        WHERE y.year = ANY($1::int[])
        """,
        years,
    )
    tables: dict[int, dict[dt.date, bool]] = {}
    for row in rows:
        table = tables.setdefault(row["year"], {})
        if row["day"] is not None:
            table[row["day"]] = row["is_working_day"]
    return tables


async def get_year(conn: asyncpg.Connection, year: int) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT year, source, entered_by, entered_at FROM calendar_years WHERE year = $1", year
    )


async def days_of_year(conn: asyncpg.Connection, year: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT day, is_working_day, name FROM calendar_days WHERE year = $1 ORDER BY day", year
    )


async def replace_year(
    conn: asyncpg.Connection,
    *,
    year: int,
    source: str,
    entered_by: str,
    days: list[tuple[dt.date, bool, str]],
) -> None:
    await conn.execute(
        """
        INSERT INTO calendar_years (year, source, entered_by) VALUES ($1, $2, $3)
        ON CONFLICT (year) DO UPDATE
            SET source = EXCLUDED.source, entered_by = EXCLUDED.entered_by, entered_at = clock_now()
        """,
        year,
        source,
        entered_by,
    )
    await conn.execute("DELETE FROM calendar_days WHERE year = $1", year)
    await conn.executemany(
        "INSERT INTO calendar_days (day, year, is_working_day, name) VALUES ($1, $2, $3, $4)",
        [(day, year, working, name) for day, working, name in days],
    )
