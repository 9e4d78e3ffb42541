"""All SQL of claims."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import asyncpg

_COLUMNS = """
    id, registration_id, person_id, district, registration_date, separation_date,
    separation_reason, claim_date, status, opened_at, review_due_at,
    evidence, eligibility, benefit_start_date, base_months, carried_over_months, previous_claim_id,
    entitlement_months, entitlement_basis, monthly_amount, amount_policy_id, duration_policy_id,
    calculation, decided_by, decided_at, decision_reason, decision_rules,
    stop_reason, stop_effective_date, stop_evidence_ref, stopped_by, stopped_at,
    review_paused_since, documents_due_on, decision_round
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
    opened_at: dt.datetime,
    review_days: int,
    claim_date: dt.date,
    evidence: dict[str, Any] | None,
    eligibility: dict[str, Any],
) -> bool:
    inserted = await conn.fetchval(
        """
        INSERT INTO claims (id, registration_id, person_id, district, registration_date,
                            separation_date, separation_reason, opened_at, review_due_at, claim_date,
                            evidence, eligibility)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $12::timestamptz, $12::timestamptz + make_interval(days => $8), $9, $10, $11)
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
        claim_date,
        evidence,
        eligibility,
        opened_at,
    )
    return inserted is not None


async def set_evidence(
    conn: asyncpg.Connection, claim_id: uuid.UUID, evidence: dict[str, Any], eligibility: dict[str, Any]
) -> None:
    await conn.execute(
        "UPDATE claims SET evidence = $2, eligibility = $3 WHERE id = $1", claim_id, evidence, eligibility
    )


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
    conn: asyncpg.Connection,
    district: str | None,
    status: str | None,
    limit: int,
    offset: int,
    *,
    now: dt.datetime,
    overdue_only: bool = False,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM claims"
        " WHERE ($1::text IS NULL OR district = $1) AND ($2::text IS NULL OR status = $2)"
        " AND (NOT $5 OR (status = 'pending_review' AND review_paused_since IS NULL AND review_due_at < $6))"
        " ORDER BY opened_at DESC, id LIMIT $3 OFFSET $4",
        district,
        status,
        limit,
        offset,
        overdue_only,
        now,
    )


async def record_decision(
    conn: asyncpg.Connection,
    claim_id: uuid.UUID,
    *,
    status: str,
    eligibility: dict[str, Any],
    benefit_start_date: dt.date | None,
    base_months: int | None,
    carried_over_months: int | None,
    previous_claim_id: uuid.UUID | None,
    entitlement_months: int | None,
    entitlement_basis: str | None,
    monthly_amount: Decimal | None,
    amount_policy_id: int | None,
    duration_policy_id: int | None,
    calculation: dict[str, Any],
    decided_by: str,
    reason: str | None,
    rules: list[str],
    decided_at: dt.datetime,
) -> None:
    await conn.execute(
        """
        UPDATE claims SET status = $2, eligibility = $3, benefit_start_date = $4, base_months = $5,
               carried_over_months = $6, previous_claim_id = $7, entitlement_months = $8,
               entitlement_basis = $9, monthly_amount = $10, amount_policy_id = $11,
               duration_policy_id = $12, calculation = $13, decided_by = $14, decided_at = $17,
               decision_reason = $15, decision_rules = $16
        WHERE id = $1
        """,
        claim_id,
        status,
        eligibility,
        benefit_start_date,
        base_months,
        carried_over_months,
        previous_claim_id,
        entitlement_months,
        entitlement_basis,
        monthly_amount,
        amount_policy_id,
        duration_policy_id,
        calculation,
        decided_by,
        reason,
        rules,
        decided_at,
    )


async def record_stop(
    conn: asyncpg.Connection,
    claim_id: uuid.UUID,
    *,
    reason: str,
    effective_date: dt.date,
    evidence_ref: str,
    stopped_by: str,
    stopped_at: dt.datetime,
) -> None:
    await conn.execute(
        """
        UPDATE claims SET status = 'stopped', stop_reason = $2, stop_effective_date = $3,
               stop_evidence_ref = $4, stopped_by = $5, stopped_at = $6
        WHERE id = $1
        """,
        claim_id,
        reason,
        effective_date,
        evidence_ref,
        stopped_by,
        stopped_at,
    )
