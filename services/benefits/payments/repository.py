"""All SQL of payment instructions."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

COLUMNS = (
    "id, claim_id, benefit_month, kind, period_start, amount, status, legal_basis, created_by,"
    " created_at, cancelled_reason, original_amount, adjusted_reason"
)


async def insert_once(
    conn: asyncpg.Connection,
    *,
    claim_id: uuid.UUID,
    benefit_month: int,
    kind: str,
    period_start: dt.date,
    amount: Decimal,
    legal_basis: str,
    created_by: str,
    policy_parameter_id: int | None = None,
    payee_account_id: int | None = None,
) -> tuple[asyncpg.Record, bool]:
    """Insert unless (claim, month, kind) exists; the unique constraint decides, not a read."""
    row = await conn.fetchrow(
        "INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, legal_basis,"
        " created_by, policy_parameter_id, payee_account_id)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT ON CONSTRAINT payments_once_per_claim_month_kind DO NOTHING"
        " RETURNING " + COLUMNS,
        uuid.uuid4(),
        claim_id,
        benefit_month,
        kind,
        period_start,
        amount,
        legal_basis,
        created_by,
        policy_parameter_id,
        payee_account_id,
    )
    if row is not None:
        return row, True
    return await get_for_month(conn, claim_id, benefit_month, kind), False


async def get_for_month(
    conn: asyncpg.Connection, claim_id: uuid.UUID, benefit_month: int, kind: str
) -> asyncpg.Record | None:
    """The one instruction of a kind for a claim's benefit month, if issued (the monthly one: a
    correction's premium arrears, R-CORR-1, share its kind and month)."""
    return await conn.fetchrow(
        "SELECT " + COLUMNS + " FROM payments"
        " WHERE claim_id = $1 AND benefit_month = $2 AND kind = $3 AND correction_id IS NULL",
        claim_id,
        benefit_month,
        kind,
    )


async def get(conn: asyncpg.Connection, payment_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + COLUMNS + " FROM payments WHERE id = $1"
    if for_update:
        query += " FOR UPDATE"
    return await conn.fetchrow(query, payment_id)


async def list_for_claim(
    conn: asyncpg.Connection, claim_id: uuid.UUID, *, for_update: bool = False
) -> list[asyncpg.Record]:
    """``for_update``: a payroll run (SKIP LOCKED) leaves the rows alone until the caller commits."""
    return await conn.fetch(
        "SELECT " + COLUMNS + " FROM payments WHERE claim_id = $1 ORDER BY benefit_month, kind"
        + (" FOR UPDATE" if for_update else ""),
        claim_id,
    )


async def redirect_to_account(conn: asyncpg.Connection, payment_id: uuid.UUID, account_id: int) -> None:
    """Pay an instruction still in the fund (payable, or sent back by the bank) to another account."""
    await conn.execute(
        "UPDATE payments SET payee_account_id = $2 WHERE id = $1 AND status IN ('payable', 'rejected')",
        payment_id,
        account_id,
    )


# Claims on benefit (approved, not stopped) whose next benefit month after the last one paid has
# begun by $2 (the China date), within the entitlement. Months count from the benefit start date,
# clamped at a month's end like contracts.calendar.add_months (PostgreSQL's date + interval).
_WITHHELD = """
    WITH progress AS (
        SELECT c.id AS claim_id, c.registration_id, c.district, c.entitlement_months,
               COALESCE(c.benefit_start_date, c.registration_date) AS benefit_start,
               COALESCE((SELECT max(p.benefit_month) FROM payments p
                         WHERE p.claim_id = c.id AND p.kind = 'benefit'), 0) AS months_paid
        FROM claims c
        WHERE c.status = 'approved' AND ($1::text IS NULL OR c.district = $1)
    )
    SELECT claim_id, registration_id, district, months_paid + 1 AS benefit_month,
           (benefit_start + make_interval(months => months_paid))::date AS period_start,
           (benefit_start + make_interval(months => months_paid - 1))::date AS previous_period_start
    FROM progress
    WHERE months_paid >= 1 AND months_paid < entitlement_months
      AND (benefit_start + make_interval(months => months_paid))::date <= $2
    ORDER BY period_start, claim_id
    LIMIT $3 OFFSET $4
"""


async def withheld_months(
    conn: asyncpg.Connection, district: str | None, today: dt.date, limit: int, offset: int
) -> list[asyncpg.Record]:
    """Each claim's first benefit month (after month 1) that has begun and has no instruction."""
    return await conn.fetch(_WITHHELD, district, today, limit, offset)
