"""All SQL of notices."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

COLUMNS = "id, claim_id, kind, last_benefit_month, last_month_start, notify_on, created_by, created_at"


async def create_pre_expiry(conn: asyncpg.Connection, as_of: dt.date, created_by: str) -> int:
    """R-STOP-2, set-based: a notice for every claim on benefit whose last benefit month starts
    within a month of ``as_of`` (or has started and not ended: a late run still tells the person).
    Month arithmetic clamps to the month's end like contracts.calendar.add_months."""
    rows = await conn.fetch(
        """
        WITH on_benefit AS (
            SELECT id, entitlement_months,
                   (coalesce(benefit_start_date, registration_date)
                    + make_interval(months => entitlement_months - 1))::date AS last_start,
                   (coalesce(benefit_start_date, registration_date)
                    + make_interval(months => entitlement_months))::date AS benefit_end
            FROM claims
            WHERE status = 'approved' AND entitlement_months IS NOT NULL
        )
        INSERT INTO notices (id, claim_id, kind, last_benefit_month, last_month_start, notify_on, created_by)
        SELECT gen_random_uuid(), id, 'pre_expiry', entitlement_months, last_start,
               (last_start - interval '1 month')::date, $2
        FROM on_benefit
        WHERE (last_start - interval '1 month')::date <= $1 AND $1 < benefit_end
        ON CONFLICT (claim_id, kind) DO NOTHING
        RETURNING claim_id
        """,
        as_of,
        created_by,
    )
    return len(rows)


async def list_for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT " + COLUMNS + " FROM notices WHERE claim_id = $1 ORDER BY created_at", claim_id)
