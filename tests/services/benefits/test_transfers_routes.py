"""Transfer out (R-XFER-1): the remaining entitlement, and across provinces the money with it."""

from __future__ import annotations

from decimal import Decimal

import httpx

from tests.factories import auth
from tests.services.benefits.factories import computed_claim

CM = auth("case_manager")


async def on_benefit(client: httpx.AsyncClient) -> dict:
    # 12 months from 2025-01-10; moving on 2025-04-10 leaves months 4–12: 9 months.
    return await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")


async def test_an_inter_province_transfer_moves_benefit_medical_and_subsidy_share(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    body = {"effective_date": "2025-04-10", "destination_area": "440106", "evidence_ref": "转移函-7"}
    first = await client.post(f"/claims/{claim['id']}/transfer-out", json=body, headers=CM)
    again = await client.post(f"/claims/{claim['id']}/transfer-out", json=body, headers=CM)

    assert (first.status_code, again.status_code) == (201, 200), first.text
    moved = first.json()
    assert (moved["inter_province"], moved["remaining_months"]) == (True, 9)
    assert Decimal(moved["remaining_benefit"]) == 9 * Decimal(claim["monthly_amount"])
    assert Decimal(moved["medical_premium"]) == 9 * Decimal("260.00")  # the sample premium
    assert Decimal(moved["subsidy_share"]) == Decimal(moved["remaining_benefit"]) / 2
    assert Decimal(moved["total"]) == sum(Decimal(moved[k]) for k in ("remaining_benefit", "medical_premium", "subsidy_share"))
    ledger = (await client.get(f"/fund-ledger?claim_id={claim['id']}", headers=auth("finance"))).json()
    assert [(e["kind"], Decimal(e["amount"]), e["id"]) for e in ledger] == [
        ("transfer_out", Decimal(moved["total"]), moved["ledger_entry_id"])
    ]
    closed = (await client.get(f"/claims/{claim['id']}", headers=CM)).json()
    assert (closed["status"], closed["stop_reason"], closed["stop_effective_date"]) == ("stopped", "transfer", "2025-04-10")


async def test_a_transfer_within_the_province_moves_no_money(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    body = {"effective_date": "2025-04-10", "destination_area": "430302", "evidence_ref": "转移函-8"}
    moved = (await client.post(f"/claims/{claim['id']}/transfer-out", json=body, headers=CM)).json()
    assert (moved["inter_province"], moved["remaining_months"], moved["ledger_entry_id"]) == (False, 9, None)
    assert Decimal(moved["medical_premium"]) == Decimal(moved["subsidy_share"]) == Decimal("0")


async def test_a_transfer_inside_the_same_city_is_refused(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    body = {"effective_date": "2025-04-10", "destination_area": "430103", "evidence_ref": "转移函-9"}
    response = await client.post(f"/claims/{claim['id']}/transfer-out", json=body, headers=CM)
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        422, "same_pooling_area", "destination_area"
    )
