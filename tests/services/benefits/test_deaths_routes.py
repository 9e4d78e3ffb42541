"""Death during the benefit period (R-DEATH-1)."""

from __future__ import annotations

from decimal import Decimal

import asyncpg
import httpx

from tests.factories import auth
from tests.four_eyes import released_bank_file
from tests.services.benefits.factories import computed_claim, parse_bank_file, pay_months, set_account
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds

CM = auth("case_manager")
SURVIVOR_ACCOUNT = "6217001234567890000"


def death(**overrides: object) -> dict:
    body = {
        "date_of_death": "2025-02-20",  # in benefit month 2 (2025-02-10 … 03-09)
        "evidence_ref": "死亡证明-001",
        "recipient_name": "李四",
        "recipient_relationship": "spouse",
        "recipient_bank_code": "CCB",
        "recipient_account_number": SURVIVOR_ACCOUNT,
        "funeral_grant_choice": "unemployment",
    }
    body.update(overrides)
    return body


async def claim_on_benefit(client: httpx.AsyncClient) -> dict:
    claim = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    assert (await set_account(client, claim["id"])).status_code == 201
    await pay_months(client, claim["id"], 1)
    return claim


async def test_the_funeral_grant_is_refused_when_the_family_chose_the_pension_one(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await claim_on_benefit(client)
    response = await client.post(f"/claims/{claim['id']}/death", json=death(funeral_grant_choice="pension"), headers=CM)

    assert response.status_code == 201, response.text
    report = response.json()
    assert report["funeral_grant"] is None and "养老保险" in report["funeral_grant_refusal"]
    assert report["funeral_grant_choice"] == "pension"
    assert Decimal(report["survivor_grant"]["amount"]) == Decimal("10000.00")  # the sample row
    assert report["death_month_benefit"]["benefit_month"] == 2
    assert Decimal(report["death_month_benefit"]["amount"]) == Decimal(claim["monthly_amount"])
    assert report["recipient_name_masked"] == "李*"
    assert await conn.fetchval(
        "SELECT count(*) FROM payments WHERE claim_id = $1::uuid AND kind = 'funeral_grant'", claim["id"]
    ) == 0
    stopped = (await client.get(f"/claims/{claim['id']}", headers=CM)).json()
    assert (stopped["status"], stopped["stop_reason"], stopped["stop_effective_date"]) == ("stopped", "death", "2025-03-10")


async def test_the_funeral_grant_is_paid_when_chosen_and_grants_go_to_the_recipient(client: httpx.AsyncClient) -> None:
    claim = await claim_on_benefit(client)
    report = (await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)).json()
    assert Decimal(report["funeral_grant"]["amount"]) == Decimal("5000.00")

    run = await run_releasing_holds(client, "2025-02")
    text = (await released_bank_file(client, run.json()['id'], auth("finance"))).text
    _, details = parse_bank_file(text)
    accounts = {d[1]: d[3] for d in details}
    for key in ("funeral_grant", "survivor_grant", "death_month_benefit"):
        assert accounts[report[key]["id"]] == SURVIVOR_ACCOUNT
    ledger = (await client.get(f"/fund-ledger?claim_id={claim['id']}", headers=auth("auditor"))).json()
    assert {e["kind"] for e in ledger} >= {"funeral_grant", "survivor_grant"}
    assert all("R-DEATH-1" in e["legal_basis"] for e in ledger if e["kind"].endswith("_grant"))


async def test_a_death_is_recorded_once(client: httpx.AsyncClient) -> None:
    claim = await claim_on_benefit(client)
    first = await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)
    again = await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)
    other = await client.post(f"/claims/{claim['id']}/death", json=death(funeral_grant_choice="work_injury"), headers=CM)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["survivor_grant"]["id"] == again.json()["survivor_grant"]["id"]
    assert (other.status_code, other.json()["code"]) == (409, "death_already_recorded")


async def test_a_death_outside_the_benefit_period_is_refused(client: httpx.AsyncClient) -> None:
    claim = await claim_on_benefit(client)
    response = await client.post(f"/claims/{claim['id']}/death", json=death(date_of_death="2024-12-31"), headers=CM)
    assert (response.status_code, response.json()["code"]) == (409, "death_outside_benefit_period")


async def test_bad_death_reports_are_refused_with_the_field(client: httpx.AsyncClient) -> None:
    claim = await claim_on_benefit(client)
    response = await client.post(
        f"/claims/{claim['id']}/death", json=death(funeral_grant_choice="both"), headers=CM
    )
    assert (response.status_code, response.json()["field"]) == (422, "funeral_grant_choice")
    response = await client.post(f"/claims/{claim['id']}/death", json=death(), headers=auth("service_point"))
    assert response.status_code == 403


async def test_the_medical_premium_of_a_withheld_month_of_death_is_paid_with_its_benefit(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """R-DEATH-1 + R-MED-1: month 2 was withheld (no report, so no instruction yet); the death
    report issues its benefit and its medical premium, and the run pays both."""
    claim = await claim_on_benefit(client)  # month 1 only
    report = (await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)).json()

    issued = await conn.fetch(
        "SELECT id FROM payments WHERE claim_id = $1::uuid AND benefit_month = 2 AND kind = 'medical_premium'",
        claim["id"],
    )
    assert len(issued) == 1
    premium = report["death_month_medical_premium"]
    assert premium["id"] == str(issued[0]["id"])
    assert (premium["benefit_month"], premium["kind"], premium["status"]) == (2, "medical_premium", "payable")
    assert Decimal(premium["amount"]) == Decimal("260.00")  # the sample row, the whole month
    assert "R-MED-1" in premium["legal_basis"]
    run = await run_releasing_holds(client, "2025-02")
    assert run.status_code == 201, run.text
    ledger = (await client.get(f"/fund-ledger?payment_id={premium['id']}", headers=auth("auditor"))).json()
    assert [(e["kind"], Decimal(e["amount"])) for e in ledger] == [("medical_premium", Decimal("260.00"))]
    assert (await client.get(f"/claims/{claim['id']}/death", headers=CM)).json()["death_month_medical_premium"]["id"] == premium["id"]


async def test_the_month_of_death_already_issued_by_the_journey_is_not_issued_twice(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await claim_on_benefit(client)
    [benefit] = await pay_months(client, claim["id"], 2)
    premium = await client.post(
        f"/claims/{claim['id']}/payments", json={"benefit_month": 2, "kind": "medical_premium"}, headers=auth("system")
    )
    report = (await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)).json()

    assert report["death_month_benefit"]["id"] == benefit["id"]
    assert report["death_month_medical_premium"]["id"] == premium.json()["id"]
    counts = await conn.fetch(
        "SELECT kind, count(*) AS n FROM payments WHERE claim_id = $1::uuid AND benefit_month = 2 GROUP BY kind",
        claim["id"],
    )
    assert {r["kind"]: r["n"] for r in counts} == {"benefit": 1, "medical_premium": 1, "survivor_grant": 1, "funeral_grant": 1}
    # Asked for again by the journey after the death, the premium is the same instruction.
    again = await client.post(
        f"/claims/{claim['id']}/payments", json={"benefit_month": 2, "kind": "medical_premium"}, headers=auth("system")
    )
    assert (again.status_code, again.json()["id"]) == (200, premium.json()["id"])


async def test_the_month_of_death_issued_to_the_claimant_is_paid_to_the_family(client: httpx.AsyncClient) -> None:
    """R-DEATH-1: the month's benefit goes to the family, also when the journey had issued it to
    the claimant's own account before the death was reported (and no run had paid it yet)."""
    claim = await claim_on_benefit(client)
    [benefit] = await pay_months(client, claim["id"], 2)
    assert (await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)).status_code == 201
    run = await run_releasing_holds(client, "2025-03")
    assert run.status_code == 201, run.text
    file = await released_bank_file(client, run.json()['id'], auth("finance"))
    _, lines = parse_bank_file(file.text)
    [month_2] = [line for line in lines if line[1] == benefit["id"]]
    assert month_2[3] == SURVIVOR_ACCOUNT
