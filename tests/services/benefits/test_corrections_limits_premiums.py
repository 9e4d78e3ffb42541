"""自行纠错 (R-CORR-1) through the public API, its two limits: a corrected monthly amount stays inside
R-AMT-1/2 (below the local minimum wage, not below 低保, as in force on the corrected start date),
refused when it is prepared; and a medical-premium month that should have been higher (a start
moved onto a higher premium rate, R-MED-1) is transferred once, like the benefit's arrears."""

from __future__ import annotations

from decimal import Decimal

import asyncpg
import httpx

from tests.clock import TestClock
from tests.services.benefits.factories import add_parameter
from tests.services.benefits.test_corrections_routes import CM, FINANCE, corrected, paid_claim, payments_of, prepare
from tests.services.benefits.test_decision_notices_routes import pdf_text
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds

# The SAMPLE province rows of migration 0010 (430000, from 2020): minimum wage 1930, 低保 850.
MINIMUM_WAGE, DIBAO = Decimal("1930.00"), Decimal("850.00")


async def test_a_corrected_amount_outside_r_amt_1_2_is_refused_when_prepared(client: httpx.AsyncClient) -> None:
    claim = await paid_claim(client, months=1)

    at_minimum_wage = await prepare(client, claim["id"], monthly_amount=str(MINIMUM_WAGE))
    below_dibao = await prepare(client, claim["id"], monthly_amount=str(DIBAO - Decimal("0.01")))
    at_dibao = await prepare(client, claim["id"], monthly_amount=str(DIBAO))

    assert (at_minimum_wage.status_code, at_minimum_wage.json()["code"], at_minimum_wage.json()["field"]) == (
        422, "monthly_amount_not_below_minimum_wage", "monthly_amount"
    )
    assert "1930.00" in at_minimum_wage.json()["message"] and "R-AMT-1" in at_minimum_wage.json()["message"]
    assert at_minimum_wage.json()["details"] == {"minimum_wage": "1930.00", "on": "2025-01-10"}
    assert (below_dibao.status_code, below_dibao.json()["code"]) == (422, "monthly_amount_below_dibao")
    assert "R-AMT-2" in below_dibao.json()["message"]
    # The floor itself is lawful: prepared for a second person; the refused left nothing behind.
    assert at_dibao.status_code == 202, at_dibao.text
    listed = (await client.get(f"/claims/{claim['id']}/corrections", headers=CM)).json()
    assert [Decimal(c["monthly_amount"]) for c in listed] == [DIBAO]


async def test_the_limits_are_those_in_force_on_the_corrected_start_date(client: httpx.AsyncClient) -> None:
    claim = await paid_claim(client, months=1)
    added = await add_parameter(client, area_code="430100", name="minimum_wage", amount="1700.00",
                                effective_from="2025-01-12")
    assert added.status_code == 201, added.text

    moved = await prepare(client, claim["id"], monthly_amount="1750.00", benefit_start_date="2025-01-15")
    kept = await prepare(client, claim["id"], monthly_amount="1750.00")

    assert (moved.status_code, moved.json()["code"]) == (422, "monthly_amount_not_below_minimum_wage")
    assert moved.json()["details"] == {"minimum_wage": "1700.00", "on": "2025-01-15"}
    assert kept.status_code == 202, kept.text  # from 2025-01-10 the limit is still 1930


async def test_a_premium_month_due_more_after_a_moved_start_is_transferred_once(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    """Months 1-3 transferred at 260; from 12 February the premium is 300. The start moved from 10
    to 15 January puts months 2 (02-15) and 3 (03-15) on the higher rate: 2 × 40 owed."""
    claim = await paid_claim(client, months=3)
    added = await add_parameter(client, area_code="430100", name="medical_premium_monthly", amount="300.00",
                                effective_from="2025-02-12")
    assert added.status_code == 201, added.text

    result = await corrected(client, claim["id"], benefit_start_date="2025-01-15", reason="失业登记日期录入有误")

    premiums = {m["benefit_month"]: Decimal(m["difference"]) for m in result["months"] if m["kind"] == "medical_premium"}
    assert premiums == {1: 0, 2: Decimal("40.00"), 3: Decimal("40.00")}
    assert Decimal(result["underpaid_amount"]) == 0 and result["arrears_payment_id"] is None
    [owed] = [p for p in await payments_of(client, claim["id"]) if p["id"] == result["premium_arrears_payment_id"]]
    assert (owed["kind"], owed["benefit_month"], Decimal(owed["amount"]), owed["status"]) == (
        "medical_premium", 3, Decimal("80.00"), "payable"
    )
    assert "R-MED-1" in owed["legal_basis"] and "R-CORR-1" in owed["legal_basis"]

    # The current period's run transfers it to the medical-insurance fund (no bank line); a second
    # run and a later correction pay it never again.
    period = f"{clock.today():%Y-%m}"
    run = await run_releasing_holds(client, period)
    assert run.status_code == 201, run.text
    again = await client.post("/payroll-runs", json={"period": period, "city": "430100"}, headers=FINANCE)
    later = await corrected(client, claim["id"], entitlement_months=6, reason="缴费年限核定有误")

    ledger = await conn.fetch("SELECT amount, legal_basis FROM fund_ledger WHERE payment_id = $1", owed["id"])
    assert [(r["amount"], "划转医疗保险基金" in r["legal_basis"]) for r in ledger] == [(Decimal("80.00"), True)]
    # The run's totals also count what earlier end-to-end tests left payable in the city (they
    # commit): the transfer is told by the instruction and its one ledger entry instead.
    [transferred] = [p for p in await payments_of(client, claim["id"]) if p["id"] == owed["id"]]
    assert transferred["status"] == "paid"
    assert Decimal(run.json()["medical_premium_total"]) >= Decimal("80.00")
    assert again.status_code == 201 and again.json()["medical_premium_total"] in ("0.00", "0")
    assert later["premium_arrears_payment_id"] is None
    assert {m["benefit_month"]: Decimal(m["paid"]) for m in later["months"] if m["kind"] == "medical_premium"} == {
        1: Decimal("260.00"), 2: Decimal("300.00"), 3: Decimal("300.00")
    }
    notices = (await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM)).json()
    first = next(n for n in notices if n["kind"] == "decision_corrected")
    text = pdf_text((await client.get(f"/decision-notices/{first['id']}.pdf", headers=CM)).content)
    assert "少缴的基本医疗保险费¥80.00一次性补缴至基本医疗保险基金" in text
