"""Payments (R-PAY-1): one per (claim, benefit month, kind), never after a stop (R-STOP-1)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from decimal import Decimal

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from shared import db
from tests.conftest import database_url
from tests.factories import auth
from tests.services.benefits.factories import approved_claim, open_claim
from contracts.calendar import add_months


async def test_a_month_is_paid_once_however_often_it_is_asked(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await approved_claim(client)
    url = f"/claims/{claim['id']}/payments"
    first = await client.post(url, json={"benefit_month": 1}, headers=auth("system"))
    second = await client.post(url, json={"benefit_month": 1}, headers=auth("system"))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Decimal(first.json()["amount"]) == Decimal(claim["monthly_amount"])
    assert first.json()["period_start"] == claim["registration_date"]
    assert await conn.fetchval("SELECT count(*) FROM payments WHERE claim_id = $1::uuid", claim["id"]) == 1


async def test_the_months_medical_premium_is_a_separate_instruction_from_the_policy_table(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """R-MED-1: the fund pays the medical-insurance premium for each month of benefit."""
    claim = await approved_claim(client)
    url = f"/claims/{claim['id']}/payments"
    premium = await client.post(url, json={"benefit_month": 1, "kind": "medical_premium"}, headers=auth("system"))
    again = await client.post(url, json={"benefit_month": 1, "kind": "medical_premium"}, headers=auth("system"))

    assert (premium.status_code, again.status_code) == (201, 200)
    expected = await conn.fetchval(
        "SELECT amount FROM policy_parameters WHERE name = 'medical_premium_monthly' AND area_code = '430000'"
        " ORDER BY effective_from DESC LIMIT 1"
    )
    assert Decimal(premium.json()["amount"]) == expected
    assert premium.json()["legal_basis"].endswith("(R-MED-1)")


async def test_months_beyond_the_entitlement_are_refused(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client, months=12)
    response = await client.post(
        f"/claims/{claim['id']}/payments", json={"benefit_month": 13}, headers=auth("system")
    )
    assert (response.status_code, response.json()["code"]) == (409, "beyond_entitlement")


async def test_unapproved_claims_are_not_paid(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client)
    response = await client.post(
        f"/claims/{claim['id']}/payments", json={"benefit_month": 1}, headers=auth("system")
    )
    assert (response.status_code, response.json()["code"]) == (409, "claim_not_approved")


async def test_no_payment_for_a_month_starting_after_the_stop(client: httpx.AsyncClient) -> None:
    start = china_today() - dt.timedelta(days=40)
    claim = await approved_claim(client, registration_date=start.isoformat(), separation_date=start.isoformat())
    stop_on = add_months(start, 1)  # the first day of benefit month 2
    stop = {"reason": "re_employment", "effective_date": stop_on.isoformat(), "evidence_ref": "p-1"}
    assert (await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("system"))).status_code == 200

    month_1 = await client.post(f"/claims/{claim['id']}/payments", json={"benefit_month": 1}, headers=auth("system"))
    month_2 = await client.post(f"/claims/{claim['id']}/payments", json={"benefit_month": 2}, headers=auth("system"))
    assert month_1.status_code == 201
    assert (month_2.status_code, month_2.json()["code"]) == (409, "claim_stopped")


@pytest.mark.parametrize("body", [{"benefit_month": 0}, {"benefit_month": 1, "kind": "bonus"}])
async def test_bad_payment_requests_are_422_with_the_field(
    client: httpx.AsyncClient, conn: asyncpg.Connection, body: dict
) -> None:
    claim = await approved_claim(client)
    response = await client.post(f"/claims/{claim['id']}/payments", json=body, headers=auth("system"))
    assert response.status_code == 422
    assert response.json()["field"] in body
    assert await conn.fetchval("SELECT count(*) FROM payments WHERE claim_id = $1::uuid", claim["id"]) == 0


async def test_the_database_refuses_a_concurrent_duplicate_payment(migrated: None) -> None:
    """The unique constraint, not a read-then-write check, is what prevents paying twice."""
    first, second = await db.connect(database_url("benefits")), await db.connect(database_url("benefits"))
    claim_id = uuid.uuid4()
    try:
        await first.execute(
            "INSERT INTO claims (id, registration_id, person_id, district, registration_date, separation_date,"
            " separation_reason, status, review_due_at, entitlement_months, monthly_amount, benefit_start_date)"
            " VALUES ($1, $2, $3, '430102', current_date, current_date, 'contract_expired', 'approved',"
            " now(), 12, 1700, current_date)",
            claim_id, uuid.uuid4(), uuid.uuid4(),
        )
        insert = (
            "INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, created_by, legal_basis)"
            " VALUES ($1, $2, 1, 'benefit', current_date, 1700, 'test', 'R-PAY-1')"
        )
        tx1, tx2 = first.transaction(), second.transaction()
        await tx1.start()
        await tx2.start()
        await first.execute(insert, uuid.uuid4(), claim_id)
        # The second insert blocks on the first's uncommitted row, then fails when it commits.
        pending = asyncio.create_task(second.execute(insert, uuid.uuid4(), claim_id))
        await tx1.commit()
        with pytest.raises(asyncpg.UniqueViolationError):
            await pending
        await tx2.rollback()
        assert await first.fetchval("SELECT count(*) FROM payments WHERE claim_id = $1", claim_id) == 1
    finally:
        await first.execute("DELETE FROM payments WHERE claim_id = $1", claim_id)
        await first.execute("DELETE FROM claims WHERE id = $1", claim_id)
        await first.close()
        await second.close()
