"""Concurrent writes on real, separate connections with committed rows (cleaned up after):
a month is never overpaid, and the same declaration sent twice at once is written once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest

from services.registration.contributions import payments, service
from services.registration.contributions.schemas import DeclarationCreate, PaymentCreate
from shared import db
from shared.auth import Principal, Role
from shared.clock import china_today
from shared.errors import Conflict
from tests.conftest import database_url
from tests.services.registration.contributions import factories as f

CASE_MANAGER = Principal("test-case-manager", Role.CASE_MANAGER)


@pytest.fixture
async def committed(migrated: None) -> AsyncIterator[dict]:
    """An employer with one employment and its policies, committed; removed afterwards."""
    conn = await db.connect(database_url("registration"))
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    employment_id = await f.employment(conn, employer["id"])
    person_id = await conn.fetchval("SELECT person_id FROM employments WHERE id = $1", employment_id)
    try:
        yield {**employer, "employment_id": employment_id}
    finally:
        async with conn.transaction():
            ids = [r["id"] for r in await conn.fetch(
                "SELECT id FROM contribution_declarations WHERE employer_id = $1", employer["id"])]
            payment_ids = [str(r["id"]) for r in await conn.fetch(
                "SELECT id FROM employer_payments WHERE employer_id = $1", employer["id"])]
            await conn.execute(
                "DELETE FROM audit_log WHERE entity_id = ANY($1::text[])", [str(i) for i in ids] + payment_ids
            )
            await conn.execute("DELETE FROM employer_payments WHERE employer_id = $1", employer["id"])
            await conn.execute("DELETE FROM contribution_declaration_lines WHERE declaration_id = ANY($1::uuid[])", ids)
            await conn.execute("DELETE FROM contribution_declarations WHERE employer_id = $1", employer["id"])
            await conn.execute("DELETE FROM contribution_rate_policies WHERE area_code = $1", employer["district"])
            await conn.execute("DELETE FROM contribution_collection_policies WHERE area_code = $1", employer["district"])
            await conn.execute("DELETE FROM employments WHERE employer_id = $1", employer["id"])
            await conn.execute("DELETE FROM persons WHERE id = $1", person_id)
            await conn.execute("DELETE FROM employers WHERE id = $1", employer["id"])
        await conn.close()


async def on_own_connection(call):  # noqa: ANN001, ANN201 - a service call taking a connection
    conn = await db.connect(database_url("registration"))
    try:
        return await call(conn)
    finally:
        await conn.close()


async def test_the_same_declaration_sent_twice_at_once_is_written_once(committed: dict) -> None:
    data = DeclarationCreate.model_validate(
        {"contribution_month": "2025-03", "lines": [{"employment_id": str(committed["employment_id"]), "base": "10000"}]}
    )
    results = await asyncio.gather(
        *(on_own_connection(lambda c: service.declare(c, CASE_MANAGER, committed["id"], data, today=china_today())) for _ in range(2))
    )
    assert sorted(r.created for r in results) == [False, True]
    assert results[0].declaration.id == results[1].declaration.id


async def test_concurrent_payments_never_overpay_a_month(committed: dict) -> None:
    data = DeclarationCreate.model_validate(
        {"contribution_month": "2025-03", "lines": [{"employment_id": str(committed["employment_id"]), "base": "10000"}]}
    )
    await on_own_connection(lambda c: service.declare(c, CASE_MANAGER, committed["id"], data, today=china_today()))

    def payment(reference: str) -> PaymentCreate:
        return PaymentCreate.model_validate({
            "reference": reference, "kind": "contribution", "contribution_month": "2025-03",
            "amount": "200.00", "paid_on": "2025-04-10",
        })

    results = await asyncio.gather(
        *(
            on_own_connection(lambda c, r=r: payments.record_payment(c, CASE_MANAGER, committed["id"], payment(r), china_today()))
            for r in (f"A-{uuid.uuid4().hex[:8]}", f"B-{uuid.uuid4().hex[:8]}")
        ),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(refused) == 1 and refused[0].code == "payment_exceeds_outstanding"
    paid = await on_own_connection(
        lambda c: c.fetchval("SELECT sum(amount) FROM employer_payments WHERE employer_id = $1", committed["id"])
    )
    assert paid == Decimal("200.00")


async def test_concurrent_late_fee_payments_take_the_balance_once(committed: dict) -> None:
    data = DeclarationCreate.model_validate(
        {"contribution_month": "2025-03", "lines": [{"employment_id": str(committed["employment_id"]), "base": "10000"}]}
    )
    await on_own_connection(lambda c: service.declare(c, CASE_MANAGER, committed["id"], data, today=china_today()))
    # 100.00 paid 10 days late: 0.50 charged; the 200.00 still unpaid accrues 1.00 by then.
    late = PaymentCreate.model_validate({
        "reference": f"L-{uuid.uuid4().hex[:8]}", "kind": "contribution", "contribution_month": "2025-03",
        "amount": "100.00", "paid_on": "2025-04-25",
    })
    await on_own_connection(lambda c: payments.record_payment(c, CASE_MANAGER, committed["id"], late, china_today()))

    def fee(reference: str) -> PaymentCreate:
        return PaymentCreate.model_validate(
            {"reference": reference, "kind": "late_fee", "amount": "1.50", "paid_on": "2025-04-25"}
        )

    results = await asyncio.gather(
        *(
            on_own_connection(lambda c, r=r: payments.record_payment(c, CASE_MANAGER, committed["id"], fee(r), china_today()))
            for r in (f"F-{uuid.uuid4().hex[:8]}", f"G-{uuid.uuid4().hex[:8]}")
        ),
        return_exceptions=True,
    )
    # One goes through; the other finds nothing left to pay (no deadlock, no double payment).
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "PaymentWritten"]
    assert next(r for r in results if isinstance(r, Conflict)).code == "payment_exceeds_outstanding"
