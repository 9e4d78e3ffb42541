"""All SQL of the fund ledger (R-FUND-1): append-only; set-based writes for payroll runs."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

COLUMNS = (
    "id, entry_date, city, kind, amount, legal_basis, claim_id, payment_id, payroll_run_id,"
    " reverses_entry_id, created_by, created_at"
)


async def record_run_outflows(conn: asyncpg.Connection, run_id: int, city: str, created_by: str) -> None:
    """One outflow entry per instruction the run disbursed."""
    await conn.execute(
        """
        INSERT INTO fund_ledger (city, kind, amount, legal_basis, claim_id, payment_id, payroll_run_id, created_by)
        SELECT $2, p.kind, i.amount, p.legal_basis, p.claim_id, p.id, i.run_id, $3
        FROM payroll_run_items i JOIN payments p ON p.id = i.payment_id
        WHERE i.run_id = $1
        """,
        run_id,
        city,
        created_by,
    )


async def reverse_run_outflows(
    conn: asyncpg.Connection, run_id: int, payment_ids: list[uuid.UUID], created_by: str
) -> None:
    """A bank rejection: a new negative entry naming the outflow it reverses (nothing deleted)."""
    await conn.execute(
        """
        INSERT INTO fund_ledger (city, kind, amount, legal_basis, claim_id, payment_id, payroll_run_id,
                                 reverses_entry_id, created_by)
        SELECT e.city, e.kind, -e.amount, e.legal_basis || ' — 银行退票冲回', e.claim_id, e.payment_id,
               e.payroll_run_id, e.id, $3
        FROM fund_ledger e
        WHERE e.payroll_run_id = $1 AND e.payment_id = ANY($2::uuid[]) AND e.amount > 0
          AND NOT EXISTS (SELECT 1 FROM fund_ledger r WHERE r.reverses_entry_id = e.id)
        """,
        run_id,
        payment_ids,
        created_by,
    )


async def monthly_report(conn: asyncpg.Connection, first_day: dt.date, next_first_day: dt.date) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT city, kind,
               coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS outflow,
               coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS reversed,
               sum(amount) AS net,
               count(*) FILTER (WHERE amount > 0) AS entries
        FROM fund_ledger
        WHERE entry_date >= $1 AND entry_date < $2
        GROUP BY city, kind
        ORDER BY city, kind
        """,
        first_day,
        next_first_day,
    )


async def balances(conn: asyncpg.Connection, city: str | None, up_to: dt.date) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT city, kind, sum(amount) AS net
        FROM fund_ledger
        WHERE ($1::text IS NULL OR city = $1) AND entry_date <= $2
        GROUP BY city, kind
        ORDER BY city, kind
        """,
        city,
        up_to,
    )


async def entries(
    conn: asyncpg.Connection, claim_id: uuid.UUID | None, payment_id: uuid.UUID | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + COLUMNS + " FROM fund_ledger"
        " WHERE ($1::uuid IS NULL OR claim_id = $1) AND ($2::uuid IS NULL OR payment_id = $2)"
        " ORDER BY id LIMIT $3 OFFSET $4",
        claim_id,
        payment_id,
        limit,
        offset,
    )


async def insert_entry(
    conn: asyncpg.Connection,
    *,
    city: str,
    kind: str,
    amount: object,
    legal_basis: str,
    claim_id: uuid.UUID | None,
    created_by: str,
) -> int:
    return await conn.fetchval(
        "INSERT INTO fund_ledger (city, kind, amount, legal_basis, claim_id, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        city,
        kind,
        amount,
        legal_basis,
        claim_id,
        created_by,
    )


async def record_recovery(
    conn: asyncpg.Connection,
    *,
    overpayment_id: uuid.UUID,
    claim_id: uuid.UUID,
    city: str,
    amount: object,
    created_by: str,
) -> None:
    """Money back into the fund from a recovered overpayment: one negative entry per overpayment."""
    await conn.execute(
        "INSERT INTO fund_ledger (city, kind, amount, legal_basis, claim_id, overpayment_id, created_by)"
        " VALUES ($1, 'overpayment_recovery', -$2::numeric, $3, $4, $5, $6)"
        " ON CONFLICT (overpayment_id) DO NOTHING",
        city,
        amount,
        "失业保险条例第十六条 / 社会保险法第八十八条: 追回多领的失业保险待遇 (R-FRAUD-1)",
        claim_id,
        overpayment_id,
        created_by,
    )
