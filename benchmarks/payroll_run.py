"""Payroll run benchmark (R-PAY-1): how long one run takes for N claimants, against a bare
baseline doing the least any run must do with N rows in the same database, in the same process.

    .venv/bin/python benchmarks/payroll_run.py            # 100,000 claimants (the design target)
    .venv/bin/python benchmarks/payroll_run.py --n 10000

Needs PostgreSQL with the migrations applied (``make test`` or ``make run`` leaves it so); runs
in database ``uis_test`` unless BENEFITS_DATABASE_URL says otherwise. Everything happens inside
one transaction that is rolled back: the database is left as it was. Prints figures; asserts
nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import time
from decimal import Decimal

from services.benefits.payroll.schemas import PayrollRunCreate
from services.benefits.payroll.service import run_payroll
from shared import db, local
from shared.auth import Principal, Role

# The test database (it rolls back what it seeds), never the run database.
DSN = local.database_url("benefits", local.setting("UIS_TEST_DATABASE"))
PERIOD = "2025-03"
RUN_ON = dt.date(2025, 3, 31)  # the period's last day: every month of it has begun


async def seed(conn, n: int, city: str) -> None:  # noqa: ANN001
    """N approved claims of one city, each with a current bank account and March's benefit due."""
    district = city[:4] + "01"
    await conn.execute(
        """
        INSERT INTO claims (id, registration_id, person_id, district, registration_date, separation_date,
                            separation_reason, status, review_due_at, entitlement_months, monthly_amount,
                            benefit_start_date)
        SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $1, DATE '2025-01-10',
               DATE '2025-01-05', 'contract_expired', 'approved', now(), 12, 1700.00, DATE '2025-01-10'
        FROM generate_series(1, $2)
        """,
        district,
        n,
    )
    await conn.execute(
        """
        INSERT INTO bank_accounts (claim_id, bank_code, account_number, account_name, created_by)
        SELECT id, 'ICBC', lpad((row_number() OVER ())::text, 19, '6'), '受益人', 'benchmark'
        FROM claims WHERE district = $1
        """,
        district,
    )
    await conn.execute(
        """
        INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, created_by, legal_basis)
        SELECT gen_random_uuid(), id, 3, 'benefit', DATE '2025-03-10', monthly_amount, 'benchmark',
               '社会保险法第四十七条 失业保险金 (R-PAY-1)'
        FROM claims WHERE district = $1
        """,
        district,
    )
    await seed_paid_february(conn, district, city)


async def seed_paid_february(conn, district: str, city: str) -> None:  # noqa: ANN001
    """February paid to the same account, so March is a normal payment no hold stops (R-HOLD-1:
    a first payment to an account would be held)."""
    run_id = await conn.fetchval(
        "INSERT INTO payroll_runs (period, city, created_by) VALUES ('2025-02', $1, 'benchmark') RETURNING id", city
    )
    await conn.execute(
        """
        WITH paid AS (
            INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, created_by, legal_basis,
                                  status)
            SELECT gen_random_uuid(), id, 2, 'benefit', DATE '2025-02-10', monthly_amount, 'benchmark',
                   '社会保险法第四十七条 失业保险金 (R-PAY-1)', 'paid'
            FROM claims WHERE district = $1
            RETURNING id, claim_id, amount
        )
        INSERT INTO payroll_run_items (run_id, payment_id, bank_account_id, amount, result, returned_at)
        SELECT $2, paid.id, a.id, paid.amount, 'paid', now()
        FROM paid JOIN bank_accounts a ON a.claim_id = paid.claim_id AND a.superseded_at IS NULL
        """,
        district,
        run_id,
    )


async def bare_baseline(conn, city: str) -> int:  # noqa: ANN001
    """The floor: read the city's payable rows once, write one item each, flip their status.
    It refreshes the planner's statistics first, as the payroll run does (payroll/repository.py):
    without them, the join over rows seeded in the same transaction plans as if the tables were
    empty, and the floor took 115–149 s for 100,000 rows, which made any ratio meaningless."""
    await conn.execute("ANALYZE claims, payments")
    await conn.execute("CREATE TEMP TABLE baseline_items (payment_id uuid, amount numeric)")
    await conn.execute(
        """
        INSERT INTO baseline_items
        SELECT p.id, p.amount FROM payments p JOIN claims c ON c.id = p.claim_id
        WHERE p.status = 'payable' AND left(c.district, 4) || '00' = $1
        """,
        city,
    )
    return int(
        (await conn.execute(
            "UPDATE payments SET status = 'payable' FROM baseline_items b WHERE payments.id = b.payment_id"
        )).split()[-1]
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="claimants in the run")
    args = parser.parse_args()
    city = f"8{random.randint(100, 999)}00"  # a city of its own (area codes start 1-8)
    conn = await db.connect(DSN)
    tx = conn.transaction()
    await tx.start()
    try:
        t0 = time.perf_counter()
        await seed(conn, args.n, city)
        seeded = time.perf_counter() - t0

        savepoint = conn.transaction()  # rolled back: the baseline leaves nothing for the run
        await savepoint.start()
        t0 = time.perf_counter()
        touched = await bare_baseline(conn, city)
        baseline = time.perf_counter() - t0
        await savepoint.rollback()
        t0 = time.perf_counter()
        run = await run_payroll(
            conn, Principal("benchmark", Role.FINANCE), PayrollRunCreate(period=PERIOD, city=city),
            today=RUN_ON,
        )
        elapsed = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = await run_payroll(
            conn, Principal("benchmark", Role.FINANCE), PayrollRunCreate(period=PERIOD, city=city),
            today=RUN_ON,
        )
        rerun = time.perf_counter() - t0
    finally:
        await tx.rollback()
        await conn.close()

    print(f"claimants in the run        {args.n:>12,}")
    print(f"seeding (not measured)      {seeded:>11.2f} s")
    print(f"bare baseline ({touched:,} rows)  {baseline:>8.2f} s   read + write + update, nothing else")
    print(f"payroll run                 {elapsed:>11.2f} s   {run.item_count:,} items, total {run.control_total}")
    print(f"  ÷ baseline                {elapsed / baseline:>11.1f} ×")
    print(f"  per claimant              {elapsed / args.n * 1e6:>11.1f} µs")
    print(f"re-run (pays nothing twice) {rerun:>11.2f} s   {again.item_count} items")
    assert run.held_count == 0  # R-HOLD-1: judged, none held
    assert run.item_count == args.n and again.item_count == 0
    assert run.control_total == Decimal("1700.00") * args.n


if __name__ == "__main__":
    asyncio.run(main())
