"""All SQL of notices; what written decisions share with the employers' (a notice with its delivery,
the delivery, the PDF stored once) is in shared/notices/repository.py, over ``TABLES``."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from shared.notices import repository as notices_repository
from shared.notices.repository import NoticeTables

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


# --- written decisions (R-NOTICE-1) -------------------------------------------------------------

TABLES = NoticeTables(notices="decision_notices", deliveries="notice_deliveries", subject="claim_id")


async def decision_notice_exists(conn: asyncpg.Connection, kind: str, decision_ref: str) -> bool:
    return await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM decision_notices WHERE kind = $1 AND decision_ref = $2)", kind, decision_ref
    )


async def insert_decision_notice(
    conn: asyncpg.Connection,
    *,
    notice_id: uuid.UUID,
    claim_id: uuid.UUID,
    kind: str,
    decision_ref: str,
    issued_by: str,
    html: str,
    appeal_rights_included: bool,
) -> bool:
    """Once per decision (UNIQUE (kind, decision_ref)): False when the decision has its notice."""
    inserted = await conn.fetchval(
        """
        INSERT INTO decision_notices (id, claim_id, kind, decision_ref, issued_by, html, appeal_rights_included)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (kind, decision_ref) DO NOTHING
        RETURNING id
        """,
        notice_id, claim_id, kind, decision_ref, issued_by, html, appeal_rights_included,
    )
    return inserted is not None


async def get_decision_notice(
    conn: asyncpg.Connection, notice_id: uuid.UUID, *, with_pdf: bool = False
) -> asyncpg.Record | None:
    """A claim's written decision with its delivery (shared/notices/repository.py has the SQL)."""
    return await notices_repository.get(conn, TABLES, notice_id, with_pdf=with_pdf)
