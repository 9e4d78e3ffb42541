"""Policy parameters in force on a date, most specific area first (district → city → province)."""

from __future__ import annotations

import datetime as dt

import asyncpg

from shared.errors import DomainError


class PolicyMissing(DomainError):
    status_code = 409


async def parameter_in_force(
    conn: asyncpg.Connection, name: str, district: str, on: dt.date
) -> asyncpg.Record:
    """The row of ``name`` in force on ``on`` for ``district``; refuses loudly when none is."""
    row = await conn.fetchrow(
        """
        SELECT id, name, area_code, value, effective_from, source, is_sample
        FROM policy_parameters
        WHERE name = $1 AND area_code = ANY($2::text[])
          AND effective_from <= $3 AND (effective_to IS NULL OR effective_to > $3)
        ORDER BY array_position($2::text[], area_code::text), effective_from DESC
        LIMIT 1
        """,
        name,
        [district, district[:4] + "00", district[:2] + "0000"],
        on,
    )
    if row is None:
        raise PolicyMissing("policy_missing", f"未配置在该日期有效的政策参数: {name}", name)
    return row
