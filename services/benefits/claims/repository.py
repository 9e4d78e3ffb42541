"""All SQL of claims."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

_COLUMNS = """
    id, registration_id, person_id, district, registration_date, separation_date,
    separation_reason, status, opened_at, review_due_at, entitlement_months, monthly_amount,
    decided_by, decided_at, decision_reason, stop_reason, stop_effective_date, stop_evidence_ref
"""


async def insert_claim(
    conn: asyncpg.Connection,
    *,
    claim_id: uuid.UUID,
    registration_id: uuid.UUID,
    person_id: uuid.UUID,
    district: str,
    registration_date: dt.date,
    separation_date: dt.date,
    separation_reason: str,
    review_days: int,
) -> bool:
    inserted = await conn.fetchval(
        """
        INSERT INTO claims (id, registration_id, person_id, district, registration_date,
                            separation_date, separation_reason, review_due_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(days => $8))
        ON CONFLICT (registration_id) DO NOTHING
        RETURNING id
        """,
        claim_id,
        registration_id,
        person_id,
        district,
        registration_date,
        separation_date,
        separation_reason,
        review_days,
    )
    return inserted is not None


async def get(conn: asyncpg.Connection, claim_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _COLUMNS + " FROM claims WHERE id = $1"
    if for_update:
        query += " FOR UPDATE"
    return await conn.fetchrow(query, claim_id)


async def get_by_registration(conn: asyncpg.Connection, registration_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM claims WHERE registration_id = $1", registration_id
    )


async def list_claims(
    conn: asyncpg.Connection, district: str | None, status: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM claims"
        " WHERE ($1::text IS NULL OR district = $1) AND ($2::text IS NULL OR status = $2)"
        " ORDER BY opened_at DESC, id LIMIT $3 OFFSET $4",
        district,
        status,
        limit,
        offset,
    )


async def record_decision(
    conn: asyncpg.Connection,
    claim_id: uuid.UUID,
    *,
    status: str,
    entitlement_months: int | None,
    monthly_amount: Decimal | None,
    amount_policy_id: int | None,
    decided_by: str,
    reason: str | None,
) -> None:
    await conn.execute(
        """
        UPDATE claims SET status = $2, entitlement_months = $3, monthly_amount = $4,
               amount_policy_id = $5, decided_by = $6, decided_at = now(), decision_reason = $7
        WHERE id = $1
        """,
        claim_id,
        status,
        entitlement_months,
        monthly_amount,
        amount_policy_id,
        decided_by,
        reason,
    )


async def record_stop(
    conn: asyncpg.Connection,
    claim_id: uuid.UUID,
    *,
    reason: str,
    effective_date: dt.date,
    evidence_ref: str,
    stopped_by: str,
) -> None:
    await conn.execute(
        """
        UPDATE claims SET status = 'stopped', stop_reason = $2, stop_effective_date = $3,
               stop_evidence_ref = $4, stopped_by = $5, stopped_at = now()
        WHERE id = $1
        """,
        claim_id,
        reason,
        effective_date,
        evidence_ref,
        stopped_by,
    )
