"""Policy parameters in force on a date, most specific area first (district → city → province)."""

from __future__ import annotations

import datetime as dt

import asyncpg

from shared.policies import row_in_force

from shared.errors import DomainError


class PolicyMissing(DomainError):
    status_code = 409


async def parameter_in_force(
    conn: asyncpg.Connection, name: str, district: str, on: dt.date
) -> asyncpg.Record:
    """The row of ``name`` in force on ``on`` for ``district``; refuses loudly when none is."""
    row = await row_in_force(
        conn, "policy_parameters", "id, name, area_code, value, effective_from, source, is_sample",
        district, on, name=name,
    )
    if row is None:
        raise PolicyMissing("policy_missing", f"未配置在该日期有效的政策参数: {name}", name)
    return row
