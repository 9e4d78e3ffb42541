"""Four-eyes control (R-CTRL-1), through the API: a decision that would be refused is refused to
the one who prepares it, with the same 4xx the approval (or one step) would give, and nothing is
prepared or changed (the decision is tried in a savepoint that is rolled back,
shared/four_eyes.try_out)."""

from __future__ import annotations

import asyncpg
import httpx

from tests.factories import auth
from tests.four_eyes import approve
from tests.services.benefits.factories import evidence, open_claim, prepare_decision
from tests.services.benefits.test_overpayments_routes import stopped_mid_month_2

MANAGER = auth("case_manager")


async def told_the_journey(conn: asyncpg.Connection, claim_id: str) -> int:
    return await conn.fetchval("SELECT count(*) FROM outbox WHERE payload::text LIKE '%' || $1 || '%'", claim_id)


async def open_approvals(conn: asyncpg.Connection, subject_id: str) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM decision_approvals WHERE subject_id = $1 AND status = 'prepared'", subject_id
    )


async def test_an_approval_of_a_claim_not_eligible_is_refused_when_prepared(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    # R-ELIG-1: 11 months of contributions (fewer than 12) do not qualify.
    claim = await open_claim(client, evidence=evidence(11))
    refused = await prepare_decision(client, claim["id"])
    assert (refused.status_code, refused.json()["code"]) == (409, "not_eligible")
    assert "不符合领取条件" in refused.json()["message"]
    assert await open_approvals(conn, claim["id"]) == 0
    # The trial's decision was rolled back: the claim is still pending, with no notice issued.
    assert (await client.get(f"/claims/{claim['id']}", headers=MANAGER)).json()["status"] == "pending_review"
    notices = await client.get(f"/claims/{claim['id']}/decision-notices", headers=MANAGER)
    assert (notices.status_code, notices.json()) == (200, [])


async def test_an_eligible_claim_is_still_prepared_and_nothing_is_decided_yet(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await open_claim(client, evidence=evidence(36))
    prepared = await prepare_decision(client, claim["id"])
    assert prepared.status_code == 202, prepared.text
    # The trial went through and was rolled back: no decision, notice or message to the journey.
    assert (await client.get(f"/claims/{claim['id']}", headers=MANAGER)).json()["status"] == "pending_review"
    assert (await client.get(f"/claims/{claim['id']}/decision-notices", headers=MANAGER)).json() == []
    assert await told_the_journey(conn, claim["id"]) == 0
    assert await open_approvals(conn, claim["id"]) == 1
    approved = await approve(client, prepared.json()["id"])
    assert (approved.status_code, approved.json()["result"]["status"]) == (200, "approved")
    assert len((await client.get(f"/claims/{claim['id']}/decision-notices", headers=MANAGER)).json()) == 1
    assert await told_the_journey(conn, claim["id"]) == 1


async def test_a_fraud_fine_out_of_range_is_refused_when_prepared(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim, _ = await stopped_mid_month_2(client)
    overpayment = (await client.get(f"/claims/{claim['id']}/overpayments", headers=MANAGER)).json()[0]
    path = f"/claims/{claim['id']}/overpayments/{overpayment['id']}/decision"
    # R-FRAUD-1: a fine of 2 to 5 times the amount obtained; once the amount is too little.
    body = {"outcome": "recover", "note": "骗取待遇", "fraud_fine_amount": str(float(overpayment["amount"]))}
    refused = await client.post(path, json=body, headers=MANAGER)
    assert (refused.status_code, refused.json()["code"], refused.json()["field"]) == (
        422, "fraud_fine_out_of_range", "fraud_fine_amount"
    )
    assert await open_approvals(conn, overpayment["id"]) == 0
    listed = (await client.get(f"/claims/{claim['id']}/overpayments", headers=MANAGER)).json()
    assert {o["id"]: o["recovery_status"] for o in listed}[overpayment["id"]] == "proposed"


async def test_a_decision_refused_only_at_the_approval_is_refused_then_and_stays_prepared(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """What changes between the preparation and the approval is checked again then: the claim
    decided in between (here: rejected in one step) makes the approval's carry-out refuse."""
    claim = await open_claim(client, evidence=evidence(36))
    prepared = await prepare_decision(client, claim["id"])
    assert prepared.status_code == 202, prepared.text
    rejected = await client.post(
        f"/claims/{claim['id']}/decision", json={"approved": False, "reason": "不符合条件"}, headers=MANAGER
    )
    assert rejected.status_code == 200, rejected.text
    refused = await approve(client, prepared.json()["id"])
    assert (refused.status_code, refused.json()["code"]) == (409, "claim_already_decided")
    assert await open_approvals(conn, claim["id"]) == 1
