"""Policy parameters in force on a date, most specific area first (district → city → province)."""

from __future__ import annotations

import datetime as dt

import asyncpg


async def benefit_amount_in_force(
    conn: asyncpg.Connection, district: str, on: dt.date
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """
        SELECT id, area_code, monthly_amount, source, is_sample
        FROM benefit_amount_policies
        WHERE area_code = ANY($1::text[])
          AND effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)
        ORDER BY array_position($1::text[], area_code::text), effective_from DESC
        LIMIT 1
        """,
        [district, district[:4] + "00", district[:2] + "0000"],
        on,
    )
