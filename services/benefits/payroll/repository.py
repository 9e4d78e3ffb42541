"""All SQL of payroll runs and bank returns. Set-based: one statement per step, whatever the
number of claimants in the run (designed for 100k per run)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

RUN_COLUMNS = (
    "id, period, city, item_count, control_total, held_count, held_amount, created_by, created_at,"
    " released_by, released_at"
)


async def refresh_statistics(conn: asyncpg.Connection) -> None:
    """Fresh planner statistics before a run: instructions are often created in bulk shortly
    before it, and with stale statistics the planner may join claims × payments row by row
    (quadratic at 100k). ANALYZE samples a bounded number of rows, so it costs little."""
    await conn.execute("ANALYZE claims, payments, bank_accounts, payroll_run_items, payment_holds")


async def insert_run(conn: asyncpg.Connection, period: str, city: str, created_by: str) -> int:
    return await conn.fetchval(
        "INSERT INTO payroll_runs (period, city, created_by) VALUES ($1, $2, $3) RETURNING id",
        period,
        city,
        created_by,
    )


async def collect_payable(conn: asyncpg.Connection, run_id: int, city: str, due_before: dt.date) -> None:
    """Take every payable instruction of the city whose benefit month starts before ``due_before``
    (the period's end, or tomorrow when the period is the current one) into the run and mark it
    disbursed. The city's claims are collected once (an array), so no plan can turn into a
    nested loop over claims × payments even before the planner's statistics catch up. Rows another run holds are skipped (SKIP LOCKED), never paid twice; the
    partial unique index payroll_run_items_once is the last guard. Medical premiums go to the
    medical-insurance fund, not to people's accounts, so they are not in this bank file."""
    await conn.execute(
        """
        WITH due AS (
            SELECT p.id, p.amount, coalesce(p.payee_account_id, a.id) AS account_id
            FROM payments p
            LEFT JOIN bank_accounts a
                   ON a.claim_id = p.claim_id AND a.holder = 'claimant' AND a.superseded_at IS NULL
            WHERE p.status = 'payable' AND p.kind <> 'medical_premium'
              AND p.claim_id = ANY (ARRAY(SELECT id FROM claims WHERE city_of(district) = $2))
              AND p.period_start < $3
              AND coalesce(p.payee_account_id, a.id) IS NOT NULL
              -- R-HOLD-1: held instructions stay payable, out of every run until released.
              AND NOT EXISTS (SELECT 1 FROM payment_holds h WHERE h.payment_id = p.id AND h.status = 'held')
            FOR UPDATE OF p SKIP LOCKED
        ), items AS (
            INSERT INTO payroll_run_items (run_id, payment_id, bank_account_id, amount)
            SELECT $1, id, account_id, amount FROM due
            RETURNING payment_id
        )
        UPDATE payments SET status = 'disbursed' FROM items WHERE payments.id = items.payment_id
        """,
        run_id,
        city,
        due_before,
    )


async def transfer_medical_premiums(
    conn: asyncpg.Connection, run_id: int, city: str, due_before: dt.date, created_by: str
) -> None:
    """R-MED-1: the due premiums go to the medical-insurance fund (no personal bank line): marked
    paid and booked as outflows of this run. fund_ledger_medical_premium_once guards against twice."""
    await conn.execute(
        """
        WITH due AS (
            SELECT p.id FROM payments p
            WHERE p.status = 'payable' AND p.kind = 'medical_premium'
              AND p.claim_id = ANY (ARRAY(SELECT id FROM claims WHERE city_of(district) = $2))
              AND p.period_start < $3
            FOR UPDATE OF p SKIP LOCKED
        ), transferred AS (
            UPDATE payments p SET status = 'paid' FROM due WHERE p.id = due.id
            RETURNING p.id, p.kind, p.amount, p.legal_basis, p.claim_id
        )
        INSERT INTO fund_ledger (city, kind, amount, legal_basis, claim_id, payment_id, payroll_run_id, created_by)
        SELECT $2, kind, amount, legal_basis || ' — 划转医疗保险基金', claim_id, id, $1, $4 FROM transferred
        """,
        run_id,
        city,
        due_before,
        created_by,
    )


async def medical_premium_totals(conn: asyncpg.Connection, run_id: int) -> asyncpg.Record:
    return await conn.fetchrow(
        "SELECT count(*) AS n, coalesce(sum(amount), 0.00) AS total FROM fund_ledger"
        " WHERE payroll_run_id = $1 AND kind = 'medical_premium' AND amount > 0",
        run_id,
    )


async def close_run(conn: asyncpg.Connection, run_id: int, city: str, due_before: dt.date) -> asyncpg.Record:
    """The run's count and control total, and the instructions due in it but held (R-HOLD-1:
    held by this run or still held from an earlier one)."""
    return await conn.fetchrow(
        """
        UPDATE payroll_runs r
        SET item_count = t.n, control_total = t.total, held_count = h.n, held_amount = h.total
        FROM (SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM payroll_run_items WHERE run_id = $1) t,
             (SELECT count(*) AS n, coalesce(sum(p.amount), 0) AS total
              FROM payment_holds ph JOIN payments p ON p.id = ph.payment_id
              WHERE ph.status = 'held' AND p.status = 'payable' AND p.period_start < $3
                AND p.claim_id = ANY (ARRAY(SELECT id FROM claims WHERE city_of(district) = $2))) h
        WHERE r.id = $1
        RETURNING """
        + ", ".join("r." + c.strip() for c in RUN_COLUMNS.split(",")),
        run_id,
        city,
        due_before,
    )


async def get_run(conn: asyncpg.Connection, run_id: int) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + RUN_COLUMNS + " FROM payroll_runs WHERE id = $1", run_id)


async def release(conn: asyncpg.Connection, run_id: int, released_by: str, released_at: dt.datetime) -> None:
    """R-CTRL-1: the run's bank file may go to the bank."""
    await conn.execute(
        "UPDATE payroll_runs SET released_by = $2, released_at = $3 WHERE id = $1 AND released_at IS NULL",
        run_id, released_by, released_at,
    )


async def get_run_for_update(conn: asyncpg.Connection, run_id: int) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + RUN_COLUMNS + " FROM payroll_runs WHERE id = $1 FOR UPDATE", run_id)


async def list_runs(conn: asyncpg.Connection, period: str | None, city: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + RUN_COLUMNS + " FROM payroll_runs"
        " WHERE ($1::text IS NULL OR period = $1) AND ($2::text IS NULL OR city = $2) ORDER BY id",
        period,
        city,
    )


async def count_unpayable(conn: asyncpg.Connection, city: str, due_before: dt.date) -> int:
    """Payable instructions left out for want of a bank account (reported with the run)."""
    return await conn.fetchval(
        """
        SELECT count(*) FROM payments p
        WHERE p.status = 'payable' AND p.kind <> 'medical_premium' AND p.payee_account_id IS NULL
          AND p.claim_id = ANY (ARRAY(SELECT id FROM claims WHERE city_of(district) = $1))
          AND p.period_start < $2
          AND NOT EXISTS (SELECT 1 FROM bank_accounts a
                          WHERE a.claim_id = p.claim_id AND a.holder = 'claimant' AND a.superseded_at IS NULL)
        """,
        city,
        due_before,
    )


async def bank_file_lines(conn: asyncpg.Connection, run_id: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT i.payment_id, a.bank_code, a.account_number, a.account_name, i.amount, p.kind, p.claim_id
        FROM payroll_run_items i
        JOIN bank_accounts a ON a.id = i.bank_account_id
        JOIN payments p ON p.id = i.payment_id
        WHERE i.run_id = $1
        ORDER BY i.payment_id
        """,
        run_id,
    )


async def items_of(conn: asyncpg.Connection, run_id: int, payment_ids: list[uuid.UUID]) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT payment_id, result, reject_reason FROM payroll_run_items"
        " WHERE run_id = $1 AND payment_id = ANY($2::uuid[]) FOR UPDATE",
        run_id,
        payment_ids,
    )


async def apply_returns(
    conn: asyncpg.Connection, run_id: int, payment_ids: list[uuid.UUID], results: list[str], reasons: list[str | None]
) -> list[asyncpg.Record]:
    """Mark the run's items and their instructions paid / rejected; returns the rows changed."""
    changed = await conn.fetch(
        """
        UPDATE payroll_run_items i
        SET result = r.result, reject_reason = r.reason, returned_at = clock_now()
        FROM unnest($2::uuid[], $3::text[], $4::text[]) AS r (payment_id, result, reason)
        WHERE i.run_id = $1 AND i.payment_id = r.payment_id AND i.result = 'disbursed'
        RETURNING i.payment_id, i.result
        """,
        run_id,
        payment_ids,
        results,
        reasons,
    )
    await conn.execute(
        """
        UPDATE payments p SET status = r.result
        FROM unnest($1::uuid[], $2::text[]) AS r (payment_id, result)
        WHERE p.id = r.payment_id AND p.status = 'disbursed'
        """,
        [r["payment_id"] for r in changed],
        [r["result"] for r in changed],
    )
    return changed


async def last_rejected_item(conn: asyncpg.Connection, payment_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """
        SELECT i.run_id, i.bank_account_id, a.claim_id, a.holder
        FROM payroll_run_items i JOIN bank_accounts a ON a.id = i.bank_account_id
        WHERE i.payment_id = $1 AND i.result = 'rejected'
        ORDER BY i.returned_at DESC LIMIT 1
        """,
        payment_id,
    )


async def reissue(conn: asyncpg.Connection, payment_id: uuid.UUID, account_id: int | None) -> None:
    await conn.execute(
        "UPDATE payments SET status = 'payable', payee_account_id = coalesce($2, payee_account_id)"
        " WHERE id = $1 AND status = 'rejected'",
        payment_id,
        account_id,
    )
