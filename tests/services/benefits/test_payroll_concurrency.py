"""Two payroll runs at once (R-PAY-1): real connections and committed rows. The second run skips
what the first holds and never pays it again. Rows live in a city no other test uses and are
removed afterwards (the ledger's append-only trigger is lifted for the clean-up only)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import asyncpg

from services.benefits.payroll import repository, service
from services.benefits.payroll.schemas import PayrollRunCreate
from shared import db
from shared.auth import Principal, Role
from tests.conftest import database_url

CITY, DISTRICT = "459900", "459902"
FINANCE = Principal(subject="test-finance", role=Role.FINANCE)
AFTER_PERIOD = dt.date(2025, 3, 1)  # the runs are made once period 2025-02 is over


async def committed_payable(conn: asyncpg.Connection, months: int) -> tuple[uuid.UUID, list[uuid.UUID]]:
    claim_id = uuid.uuid4()
    async with conn.transaction():
        await conn.execute(
            "INSERT INTO claims (id, registration_id, person_id, district, registration_date, separation_date,"
            " separation_reason, status, review_due_at, entitlement_months, monthly_amount, benefit_start_date)"
            " VALUES ($1, $2, $3, $4, DATE '2025-01-10', DATE '2025-01-05', 'contract_expired', 'approved',"
            " now(), 12, 1700, DATE '2025-01-10')",
            claim_id, uuid.uuid4(), uuid.uuid4(), DISTRICT,
        )
        account_id = await conn.fetchval(
            "INSERT INTO bank_accounts (claim_id, bank_code, account_number, account_name, created_by)"
            " VALUES ($1, 'ICBC', '6222021234567890123', '测试', 'test') RETURNING id",
            claim_id,
        )
        # R-HOLD-1: an earlier month already paid to this account, so the runs hold nothing.
        await seed_paid_month(conn, claim_id, account_id, months + 1)
        ids = [uuid.uuid4() for _ in range(months)]
        await conn.execute(
            "INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, legal_basis, created_by)"
            " SELECT p.id, $2, p.month, 'benefit', DATE '2025-01-10', 1700, 'R-PAY-1', 'test'"
            " FROM unnest($1::uuid[], $3::int[]) AS p (id, month)",
            ids, claim_id, list(range(1, months + 1)),
        )
    return claim_id, ids


async def seed_paid_month(conn: asyncpg.Connection, claim_id: uuid.UUID, account_id: int, month: int) -> None:
    paid_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, legal_basis, created_by, status)"
        " VALUES ($1, $2, $3, 'benefit', DATE '2024-12-10', 1700, 'R-PAY-1', 'test', 'paid')",
        paid_id, claim_id, month,
    )
    run_id = await repository.insert_run(conn, "2024-12", CITY, "test-finance")
    await conn.execute(
        "INSERT INTO payroll_run_items (run_id, payment_id, bank_account_id, amount, result, returned_at)"
        " VALUES ($1, $2, $3, 1700, 'paid', now())",
        run_id, paid_id, account_id,
    )


async def remove(conn: asyncpg.Connection, claim_id: uuid.UUID) -> None:
    async with conn.transaction():
        await conn.execute("ALTER TABLE fund_ledger DISABLE TRIGGER fund_ledger_no_change")
        await conn.execute("DELETE FROM fund_ledger WHERE claim_id = $1", claim_id)
        await conn.execute("ALTER TABLE fund_ledger ENABLE TRIGGER fund_ledger_no_change")
        await conn.execute(
            "DELETE FROM payroll_run_items WHERE payment_id IN (SELECT id FROM payments WHERE claim_id = $1)", claim_id
        )
        await conn.execute(
            "DELETE FROM payment_holds WHERE payment_id IN (SELECT id FROM payments WHERE claim_id = $1)", claim_id
        )
        # Only this module pays in this city: its runs (with or without items) go too.
        await conn.execute(
            "DELETE FROM payroll_runs r WHERE r.city = $1 AND r.created_by = 'test-finance'"
            " AND NOT EXISTS (SELECT 1 FROM payroll_run_items i WHERE i.run_id = r.id)"
            " AND NOT EXISTS (SELECT 1 FROM fund_ledger e WHERE e.payroll_run_id = r.id)",
            CITY,
        )
        await conn.execute("DELETE FROM payments WHERE claim_id = $1", claim_id)
        await conn.execute("DELETE FROM bank_accounts WHERE claim_id = $1", claim_id)
        await conn.execute("DELETE FROM claims WHERE id = $1", claim_id)


async def test_a_run_started_while_another_holds_the_rows_pays_none_of_them(migrated: None) -> None:
    first, second = await db.connect(database_url("benefits")), await db.connect(database_url("benefits"))
    claim_id, payment_ids = await committed_payable(first, months=2)
    try:
        tx = first.transaction()
        await tx.start()
        run_1 = await repository.insert_run(first, "2025-02", CITY, "test-finance")
        await repository.collect_payable(first, run_1, CITY, AFTER_PERIOD)
        # The first run holds the rows (uncommitted): the second neither waits nor takes them.
        run_2 = await asyncio.wait_for(
            service.run_payroll(second, FINANCE, PayrollRunCreate(period="2025-02", city=CITY), today=AFTER_PERIOD),
            timeout=10,
        )
        await tx.commit()

        assert run_2.item_count == 0
        taken = await first.fetch(
            "SELECT run_id, count(*) AS n FROM payroll_run_items WHERE payment_id = ANY($1::uuid[]) GROUP BY run_id",
            payment_ids,
        )
        assert [(r["run_id"], r["n"]) for r in taken] == [(run_1, 2)]
        # And once the first has committed, a third run finds nothing left either.
        run_3 = await service.run_payroll(second, FINANCE, PayrollRunCreate(period="2025-02", city=CITY), today=AFTER_PERIOD)
        assert run_3.item_count == 0
    finally:
        await remove(first, claim_id)
        await first.close()
        await second.close()


async def test_two_runs_racing_pay_each_instruction_once(migrated: None) -> None:
    months = 3
    conns = [await db.connect(database_url("benefits")) for _ in range(3)]
    claim_id, payment_ids = await committed_payable(conns[0], months=months)
    try:
        runs = await asyncio.gather(
            *(service.run_payroll(c, FINANCE, PayrollRunCreate(period="2025-02", city=CITY), today=AFTER_PERIOD) for c in conns[1:])
        )
        assert sum(r.item_count for r in runs) == months
        items = await conns[0].fetchval(
            "SELECT count(*) FROM payroll_run_items WHERE payment_id = ANY($1::uuid[])", payment_ids
        )
        outflows = await conns[0].fetchval(
            "SELECT count(*) FROM fund_ledger WHERE payment_id = ANY($1::uuid[]) AND amount > 0", payment_ids
        )
        assert (items, outflows) == (months, months)
    finally:
        await remove(conns[0], claim_id)
        for c in conns:
            await c.close()
