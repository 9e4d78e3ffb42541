"""All SQL of stop settlement and overpayments (recovery records)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import asyncpg

COLUMNS = (
    "o.id, o.claim_id, o.payment_id, p.benefit_month, p.kind, o.amount, o.overpaid_days, o.period_days,"
    " o.rule, o.recovery_status, o.created_by, o.created_at, o.decided_by, o.decided_at, o.decision_note,"
    " o.recovered_by, o.recovered_at, o.recovery_ref, o.fraud, o.fraud_fine_amount"
)


# Instructions whose money has not left the fund: not yet in a run, or sent back by the bank.
_IN_THE_FUND = "status IN ('payable', 'rejected')"


async def cancel(conn: asyncpg.Connection, payment_ids: list[uuid.UUID], reason: str) -> None:
    await conn.execute(
        "UPDATE payments SET status = 'cancelled', cancelled_reason = $2"
        " WHERE id = ANY($1::uuid[]) AND " + _IN_THE_FUND,
        payment_ids,
        reason,
    )


async def reduce(
    conn: asyncpg.Connection,
    payment_ids: list[uuid.UUID],
    amounts: list[Decimal],
    reason: str,
    adjusted_by: str,
) -> None:
    """Cut each instruction to its new amount, keeping the amount it was issued with (once)."""
    await conn.execute(
        """
        UPDATE payments p
        SET original_amount = p.amount, amount = r.amount, adjusted_reason = $3, adjusted_by = $4,
            adjusted_at = clock_now()
        FROM unnest($1::uuid[], $2::numeric[]) AS r (id, amount)
        WHERE p.id = r.id AND p.original_amount IS NULL AND r.amount < p.amount AND p."""
        + _IN_THE_FUND,
        payment_ids,
        amounts,
        reason,
        adjusted_by,
    )


async def insert_overpayments(
    conn: asyncpg.Connection,
    *,
    claim_id: uuid.UUID,
    payment_ids: list[uuid.UUID],
    amounts: list[Decimal],
    overpaid_days: list[int],
    period_days: list[int],
    rule: str,
    created_by: str,
    correction_id: uuid.UUID | None = None,
) -> None:
    """Once per payment and cause: a stop (``correction_id`` None) or a correction (R-CORR-1)."""
    await conn.execute(
        """
        INSERT INTO overpayments (id, claim_id, payment_id, amount, overpaid_days, period_days, rule, created_by,
                                  correction_id)
        SELECT gen_random_uuid(), $1, r.payment_id, r.amount, r.days, r.period_days, $6, $7, $8
        FROM unnest($2::uuid[], $3::numeric[], $4::int[], $5::int[]) AS r (payment_id, amount, days, period_days)
        ON CONFLICT (payment_id, correction_id) DO NOTHING
        """,
        claim_id,
        payment_ids,
        amounts,
        overpaid_days,
        period_days,
        rule,
        created_by,
        correction_id,
    )


async def list_for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + COLUMNS + " FROM overpayments o JOIN payments p ON p.id = o.payment_id"
        " WHERE o.claim_id = $1 ORDER BY p.benefit_month, p.kind",
        claim_id,
    )


# Across claims, oldest first (a worklist): with the claim's district and stop.
_WORKLIST = (
    "SELECT " + COLUMNS + ", c.district, c.registration_id, c.stop_reason, c.stop_effective_date"
    " FROM overpayments o JOIN payments p ON p.id = o.payment_id JOIN claims c ON c.id = o.claim_id"
    " WHERE ($1::text IS NULL OR c.district = $1) AND ($2::text IS NULL OR o.recovery_status = $2)"
    " ORDER BY o.created_at, o.claim_id, p.benefit_month, p.kind, o.id LIMIT $3 OFFSET $4"
)


async def list_across_claims(
    conn: asyncpg.Connection, district: str | None, status: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(_WORKLIST, district, status, limit, offset)


async def get(conn: asyncpg.Connection, claim_id: uuid.UUID, overpayment_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + " FROM overpayments o JOIN payments p ON p.id = o.payment_id"
        " WHERE o.id = $1 AND o.claim_id = $2 FOR UPDATE OF o",
        overpayment_id,
        claim_id,
    )


async def record_decision(
    conn: asyncpg.Connection,
    overpayment_id: uuid.UUID,
    status: str,
    note: str,
    decided_by: str,
    fraud_fine_amount: Decimal | None,
) -> None:
    await conn.execute(
        "UPDATE overpayments SET recovery_status = $2, decision_note = $3, decided_by = $4, decided_at = clock_now(),"
        " fraud = $5::numeric IS NOT NULL, fraud_fine_amount = $5 WHERE id = $1",
        overpayment_id,
        status,
        note,
        decided_by,
        fraud_fine_amount,
    )


async def record_recovery(conn: asyncpg.Connection, overpayment_id: uuid.UUID, ref: str, recovered_by: str) -> None:
    await conn.execute(
        "UPDATE overpayments SET recovery_status = 'recovered', recovery_ref = $2, recovered_by = $3,"
        " recovered_at = clock_now() WHERE id = $1",
        overpayment_id,
        ref,
        recovered_by,
    )
