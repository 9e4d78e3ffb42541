"""Claims: opening once per registration, the case manager's decision (R-REV-1), stops (R-STOP-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.factories import auth
from tests.four_eyes import approve_as_second
from tests.services.benefits.factories import approved_claim, claim_payload, open_claim
from contracts.journey import claimant_journey_id


async def test_claim_opens_once_per_registration(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    payload = claim_payload()
    first = await client.post("/claims", json=payload, headers=auth("system"))
    second = await client.post("/claims", json=payload, headers=auth("system"))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["status"] == "pending_review"
    assert await conn.fetchval(
        "SELECT count(*) FROM claims WHERE registration_id = $1::uuid", payload["registration_id"]
    ) == 1
    # R-REV-1: the decision is due 10 days after the claim was accepted.
    opened = dt.datetime.fromisoformat(first.json()["opened_at"])
    due = dt.datetime.fromisoformat(first.json()["review_due_at"])
    assert due - opened == dt.timedelta(days=10)


async def test_only_the_journey_opens_claims(client: httpx.AsyncClient) -> None:
    response = await client.post("/claims", json=claim_payload(), headers=auth("case_manager"))
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


async def test_approval_sets_the_amount_in_force_and_signals_the_journey(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await open_claim(client)
    response = await approve_as_second(client, await client.post(
        f"/claims/{claim['id']}/decision",
        json={"approved": True, "entitlement_months": 12},
        headers=auth("case_manager"),
    ))

    assert response.status_code == 200, response.text
    decided = response.json()
    expected = await conn.fetchval(
        "SELECT monthly_amount FROM benefit_amount_policies WHERE area_code = '430000'"
        " AND effective_from <= $1 ORDER BY effective_from DESC LIMIT 1",
        dt.date.fromisoformat(claim["registration_date"]),
    )
    assert decided["status"] == "approved"
    assert Decimal(decided["monthly_amount"]) == expected
    assert decided["decided_by"] == "test-case_manager"
    signal = await conn.fetchrow(
        "SELECT * FROM outbox WHERE workflow_id = $1", claimant_journey_id(claim["registration_id"])
    )
    assert signal["payload"]["signal"] == "claim_decided"
    assert signal["payload"]["arg"]["approved"] is True


async def test_a_district_override_wins_over_the_province(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    await conn.execute(
        "INSERT INTO benefit_amount_policies (area_code, effective_from, monthly_amount, source)"
        " VALUES ('430100', DATE '2021-01-01', 1888.00, 'test: city row')"
    )
    claim = await approved_claim(client)
    assert Decimal(claim["monthly_amount"]) == Decimal("1888.00")


async def test_a_claim_is_decided_once(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client)
    again = await client.post(
        f"/claims/{claim['id']}/decision",
        json={"approved": False, "reason": "重复"},
        headers=auth("case_manager"),
    )
    assert (again.status_code, again.json()["code"]) == (409, "claim_already_decided")


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"approved": True}, "entitlement_months_required", "entitlement_months"),
        ({"approved": True, "entitlement_months": 25}, "invalid_less_than_equal", "entitlement_months"),
        ({"approved": False}, "rejection_reason_required", "reason"),
    ],
)
async def test_incomplete_decisions_are_refused_and_change_nothing(
    client: httpx.AsyncClient, conn: asyncpg.Connection, body: dict, code: str, field: str
) -> None:
    claim = await open_claim(client)
    response = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/decision", json=body, headers=auth("case_manager")))

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert await conn.fetchval("SELECT status FROM claims WHERE id = $1::uuid", claim["id"]) == "pending_review"
    assert await conn.fetchval(
        "SELECT count(*) FROM outbox WHERE workflow_id = $1", claimant_journey_id(claim["registration_id"])
    ) == 0


async def test_service_points_cannot_decide(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client)
    response = await client.post(
        f"/claims/{claim['id']}/decision",
        json={"approved": True, "entitlement_months": 12},
        headers=auth("service_point", "430102"),
    )
    assert response.status_code == 403


async def test_other_districts_claims_look_missing(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client)
    other = await client.get(f"/claims/{claim['id']}", headers=auth("service_point", "430103"))
    own = await client.get(f"/claims/{claim['id']}", headers=auth("service_point", "430102"))
    assert (own.status_code, other.status_code) == (200, 404)
    assert other.json()["code"] == "claim_not_found"


async def test_stop_is_idempotent_and_different_stop_conflicts(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client)
    stop = {"reason": "re_employment", "effective_date": china_today().isoformat(), "evidence_ref": "p-1"}
    first = await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("system"))
    second = await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("system"))
    other = await approve_as_second(client, await client.post(
        f"/claims/{claim['id']}/stop", json=dict(stop, evidence_ref="p-2"), headers=auth("case_manager")
    ))

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["status"] == "stopped" and first.json()["stop_reason"] == "re_employment"
    assert (other.status_code, other.json()["code"]) == (409, "claim_already_stopped")


async def test_the_journeys_stop_of_a_claim_already_stopped_succeeds_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    """The case manager stopped the claim (a death) while a placement was on its way: the
    journey's stop is satisfied (200, a final answer, never a refusal retried), the first stands."""
    claim = await approved_claim(client)
    death = {"reason": "death", "effective_date": china_today().isoformat(), "evidence_ref": "死亡证明-1"}
    assert (await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=death, headers=auth("case_manager")))).status_code == 200
    placement = {"reason": "re_employment", "effective_date": china_today().isoformat(), "evidence_ref": "p-9"}
    journey = await client.post(f"/claims/{claim['id']}/stop", json=placement, headers=auth("system"))
    assert journey.status_code == 200, journey.text
    assert (journey.json()["stop_reason"], journey.json()["stop_evidence_ref"]) == ("death", "死亡证明-1")


async def test_a_pending_claim_cannot_be_stopped(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client)
    stop = {"reason": "re_employment", "effective_date": china_today().isoformat(), "evidence_ref": "p-1"}
    response = await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("system"))
    assert (response.status_code, response.json()["code"]) == (409, "claim_not_approved")
