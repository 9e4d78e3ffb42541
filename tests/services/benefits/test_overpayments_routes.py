"""Stops (R-STOP-1): nothing payable after the stop; money paid out for days after it is an
overpayment with a recovery record, money still in the fund is cut or cancelled instead; the stop
month follows the pro-rata policy parameter."""

from __future__ import annotations

from decimal import Decimal

import asyncpg
import httpx
import pytest

from tests.factories import auth
from tests.four_eyes import approve_as_second, released_bank_file
from services.benefits.policy.service import to_fen
from tests.services.benefits.factories import (
    add_parameter,
    computed_claim,
    parse_bank_file,
    pay_months,
    set_account,
)
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds
from contracts.journey import claimant_journey_id

FINANCE = auth("finance")


async def record_premium(client: httpx.AsyncClient, claim_id: str, month: int) -> dict:
    response = await client.post(
        f"/claims/{claim_id}/payments", json={"benefit_month": month, "kind": "medical_premium"}, headers=auth("system")
    )
    assert response.status_code == 201, response.text
    return response.json()


async def stopped_mid_month_2(client: httpx.AsyncClient) -> tuple[dict, dict[int, dict]]:
    # Benefit months: 1 = 2025-01-10…02-09 (31 days), 2 = 02-10…03-09 (28 days), 3 = 03-10…04-09.
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(client, claim["id"])).status_code == 201
    payments = {p["benefit_month"]: p for p in await pay_months(client, claim["id"], 1, 2, 3, 4)}
    response = await run_releasing_holds(client, "2025-03")
    assert response.status_code == 201
    stop = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-9"}
    stopped = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("case_manager")))
    stopped = await approve_as_second(client, stopped)  # R-CTRL-1
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["stopped_by"] == "test-case_manager" and stopped.json()["stop_evidence_ref"] == "placement-9"
    return claim, payments


async def test_a_mid_month_stop_creates_the_right_overpayment(client: httpx.AsyncClient) -> None:
    claim, payments = await stopped_mid_month_2(client)
    amount = Decimal(claim["monthly_amount"])

    overpayments = (await client.get(f"/claims/{claim['id']}/overpayments", headers=auth("case_manager"))).json()
    by_month = {o["benefit_month"]: o for o in overpayments if o["kind"] == "benefit"}
    assert set(by_month) == {2, 3}
    # Month 2: stopped on day 15 of 28 → 14 days kept, 14 days (half the amount) to recover.
    assert (Decimal(by_month[2]["amount"]), by_month[2]["overpaid_days"], by_month[2]["period_days"]) == (
        amount * 14 / 28, 14, 28
    )
    assert Decimal(by_month[3]["amount"]) == amount  # the whole of a month after the stop
    assert {o["recovery_status"] for o in overpayments} == {"proposed"}  # R-FRAUD-1: a human decides
    assert "by_day" in by_month[2]["rule"]
    # Month 4 was never disbursed (not due in 2025-03): cancelled, not an overpayment.
    listed = {p["benefit_month"]: p for p in (await client.get(f"/claims/{claim['id']}/payments", headers=FINANCE)).json()}
    assert listed[4]["status"] == "cancelled"


async def test_an_issued_stop_month_not_yet_disbursed_is_reduced_not_recovered(client: httpx.AsyncClient) -> None:
    """R-STOP-1: the stop month's instruction (benefit and medical premium) is still in the fund,
    so it is cut to the days kept before the run pays it; only money that left the fund becomes an
    overpayment. Months after the stop are cancelled."""
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(client, claim["id"])).status_code == 201
    await pay_months(client, claim["id"], 1, 2, 3, 4)
    premiums = {m: await record_premium(client, claim["id"], m) for m in (2, 3)}
    stop = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-9"}
    assert (await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("case_manager")))).status_code == 200

    amount = Decimal(claim["monthly_amount"])
    premium = Decimal(premiums[2]["amount"])
    listed = {(p["benefit_month"], p["kind"]): p for p in (await client.get(f"/claims/{claim['id']}/payments", headers=FINANCE)).json()}
    month_2, premium_2 = listed[(2, "benefit")], listed[(2, "medical_premium")]
    # Stopped on day 15 of 28: 14 days kept.
    assert (month_2["status"], Decimal(month_2["amount"]), Decimal(month_2["original_amount"])) == (
        "payable", to_fen(amount * 14 / 28), amount)
    assert (Decimal(premium_2["amount"]), Decimal(premium_2["original_amount"])) == (to_fen(premium * 14 / 28), premium)
    assert "R-STOP-1" in month_2["adjusted_reason"] and "2025-02-24" in month_2["adjusted_reason"]
    assert listed[(1, "benefit")]["original_amount"] is None and Decimal(listed[(1, "benefit")]["amount"]) == amount
    assert {listed[k]["status"] for k in [(3, "benefit"), (4, "benefit"), (3, "medical_premium")]} == {"cancelled"}
    assert (await client.get(f"/claims/{claim['id']}/overpayments", headers=FINANCE)).json() == []

    # The run pays what is due, and the fund ledger books exactly that (R-FUND-1).
    run = await run_releasing_holds(client, "2025-03")
    text = (await released_bank_file(client, run.json()['id'], FINANCE)).text
    _, details = parse_bank_file(text)
    assert {d[1]: Decimal(d[5]) for d in details}[month_2["id"]] == to_fen(amount * 14 / 28)
    ledger = (await client.get(f"/fund-ledger?claim_id={claim['id']}", headers=FINANCE)).json()
    booked = {e["payment_id"]: Decimal(e["amount"]) for e in ledger}
    assert (booked[month_2["id"]], booked[premium_2["id"]]) == (to_fen(amount * 14 / 28), to_fen(premium * 14 / 28))
    assert listed[(3, "benefit")]["id"] not in booked


async def test_a_stop_month_sent_back_by_the_bank_is_reduced_and_later_months_cannot_be_reissued(
    client: httpx.AsyncClient,
) -> None:
    """A rejected payment's money came back to the fund: it is reduced (or cancelled) like an
    unpaid one, not recovered, so a re-issue after the stop pays only the days kept."""
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(client, claim["id"])).status_code == 201
    payments = {p["benefit_month"]: p["id"] for p in await pay_months(client, claim["id"], 1, 2, 3)}
    run = (await run_releasing_holds(client, "2025-03")).json()
    returns = f"{payments[1]},paid,\n{payments[2]},rejected,账户冻结\n{payments[3]},rejected,账户冻结\n"
    assert (await client.post(f"/payroll-runs/{run['id']}/bank-returns", content=returns, headers=FINANCE)).status_code == 200
    stop = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-9"}
    assert (await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("case_manager")))).status_code == 200

    assert (await client.get(f"/claims/{claim['id']}/overpayments", headers=FINANCE)).json() == []
    changed = await set_account(client, claim["id"], account_number="6222029999999999999")
    assert (await approve_as_second(client, changed)).status_code == 200  # R-CTRL-1
    reissued = await client.post(f"/payments/{payments[2]}/reissue", headers=FINANCE)
    cancelled = await client.post(f"/payments/{payments[3]}/reissue", headers=FINANCE)
    assert reissued.json()["status"] == "payable"
    assert (cancelled.status_code, cancelled.json()["code"]) == (409, "payment_cancelled")
    await run_releasing_holds(client, "2025-03")
    ledger = (await client.get(f"/fund-ledger?payment_id={payments[2]}", headers=FINANCE)).json()
    amount = Decimal(claim["monthly_amount"])
    assert [Decimal(e["amount"]) for e in ledger] == [amount, -amount, to_fen(amount * 14 / 28)]


async def test_a_stop_month_asked_for_after_the_stop_is_issued_for_the_days_before_it(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    stop = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-9"}
    assert (await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("system"))).status_code == 200
    [month_2] = await pay_months(client, claim["id"], 2)
    assert Decimal(month_2["amount"]) == Decimal(claim["monthly_amount"]) * 14 / 28


async def test_a_province_that_keeps_the_stop_month_whole(client: httpx.AsyncClient) -> None:
    added = await add_parameter(
        client, area_code="430100", name="stop_month_pro_rata", option="whole_month_kept", effective_from="2011-07-01"
    )
    assert added.status_code == 201
    claim, _ = await stopped_mid_month_2(client)
    overpayments = (await client.get(f"/claims/{claim['id']}/overpayments", headers=FINANCE)).json()
    assert [o["benefit_month"] for o in overpayments if o["kind"] == "benefit"] == [3]


@pytest.mark.parametrize("reason", ["enlistment", "emigration", "pension", "imprisonment", "refused_offers", "expiry"])
async def test_each_statutory_reason_code_stops_the_claim(client: httpx.AsyncClient, reason: str) -> None:
    claim = await computed_claim(client)
    stop = {"reason": reason, "effective_date": claim["registration_date"], "evidence_ref": "doc-1"}
    response = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("case_manager")))
    assert (response.status_code, response.json()["stop_reason"]) == (200, reason)


async def test_an_unknown_stop_reason_is_refused(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client)
    stop = {"reason": "holiday", "effective_date": claim["registration_date"], "evidence_ref": "doc-1"}
    response = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("case_manager")))
    assert (response.status_code, response.json()["field"]) == (422, "reason")


async def test_a_case_managers_stop_tells_the_journey_and_the_journeys_own_does_not(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    stop = {"reason": "imprisonment", "effective_date": "2025-02-24", "evidence_ref": "判决书-1"}
    by_hand = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    by_journey = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    await approve_as_second(client, await client.post(f"/claims/{by_hand['id']}/stop", json=stop, headers=auth("case_manager")))
    await client.post(f"/claims/{by_journey['id']}/stop", json=stop, headers=auth("system"))

    async def stop_signals(claim: dict) -> list[dict]:
        rows = await conn.fetch(
            "SELECT payload FROM outbox WHERE workflow_id = $1 AND payload->>'signal' = 'claim_stopped'",
            claimant_journey_id(claim["registration_id"]),
        )
        return [r["payload"]["arg"] for r in rows]

    # event_date: the cause's own date when it is not the effective date (a death; R-SPELL-1).
    assert await stop_signals(by_hand) == [
        {"claim_id": by_hand["id"], "reason": "imprisonment", "effective_date": "2025-02-24", "event_date": None}
    ]
    assert await stop_signals(by_journey) == []


async def test_a_case_manager_decides_the_recovery_and_finance_records_it(client: httpx.AsyncClient) -> None:
    """R-FRAUD-1: the system proposes; recovery happens only after a case manager's decision."""
    claim, _ = await stopped_mid_month_2(client)
    url = f"/claims/{claim['id']}/overpayments"
    month_3 = next(o for o in (await client.get(url, headers=FINANCE)).json() if o["benefit_month"] == 3)

    too_early = await client.post(f"{url}/{month_3['id']}/recovery", json={"recovery_ref": "BANK-1"}, headers=FINANCE)
    assert (too_early.status_code, too_early.json()["code"]) == (409, "overpayment_not_to_recover")
    decision = {"outcome": "recover", "note": "再就业后多领一个月, 决定追回"}
    decided = await approve_as_second(client, await client.post(f"{url}/{month_3['id']}/decision", json=decision, headers=auth("case_manager")))
    again = await approve_as_second(client, await client.post(f"{url}/{month_3['id']}/decision", json=decision, headers=auth("case_manager")))
    waive = await approve_as_second(client, await client.post(
        f"{url}/{month_3['id']}/decision", json={"outcome": "waive", "note": "x"}, headers=auth("case_manager")
    ))
    assert (decided.json()["recovery_status"], decided.json()["decided_by"]) == ("to_recover", "test-case_manager")
    assert again.status_code == 200
    assert (waive.status_code, waive.json()["code"]) == (409, "overpayment_already_decided")
    recovered = await client.post(f"{url}/{month_3['id']}/recovery", json={"recovery_ref": "BANK-1"}, headers=FINANCE)
    assert (recovered.json()["recovery_status"], recovered.json()["recovery_ref"]) == ("recovered", "BANK-1")
    repeated = await client.post(f"{url}/{month_3['id']}/recovery", json={"recovery_ref": "BANK-1"}, headers=FINANCE)
    assert repeated.status_code == 200
    # R-FUND-1: the money is back in the fund, once, as a negative entry of its own kind.
    ledger = (await client.get(f"/fund-ledger?claim_id={claim['id']}", headers=FINANCE)).json()
    recoveries = [(e["kind"], Decimal(e["amount"])) for e in ledger if e["kind"] == "overpayment_recovery"]
    assert recoveries == [("overpayment_recovery", -Decimal(month_3["amount"]))]
    assert (await client.post(f"{url}/{month_3['id']}/decision", json=decision, headers=FINANCE)).status_code == 403


async def test_a_fraud_finding_is_recovered_and_fined_two_to_five_times(client: httpx.AsyncClient) -> None:
    """R-FRAUD-1: the case manager finds fraud; the fine is 2–5× the amount obtained."""
    claim, _ = await stopped_mid_month_2(client)
    url = f"/claims/{claim['id']}/overpayments"
    month_3 = next(o for o in (await client.get(url, headers=FINANCE)).json() if o["benefit_month"] == 3)
    amount = Decimal(month_3["amount"])
    cm = auth("case_manager")

    too_small = await approve_as_second(client, await client.post(
        f"{url}/{month_3['id']}/decision",
        json={"outcome": "recover", "note": "隐瞒再就业骗取待遇", "fraud_fine_amount": str(amount * Decimal("1.5"))},
        headers=cm,
    ))
    waived = await approve_as_second(client, await client.post(
        f"{url}/{month_3['id']}/decision",
        json={"outcome": "waive", "note": "x", "fraud_fine_amount": str(amount * 3)},
        headers=cm,
    ))
    decided = await approve_as_second(client, await client.post(
        f"{url}/{month_3['id']}/decision",
        json={"outcome": "recover", "note": "隐瞒再就业骗取待遇", "fraud_fine_amount": str(amount * 3)},
        headers=cm,
    ))

    assert (too_small.status_code, too_small.json()["code"], too_small.json()["field"]) == (
        422, "fraud_fine_out_of_range", "fraud_fine_amount")
    assert (waived.status_code, waived.json()["code"]) == (422, "fraud_requires_recovery")
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert (body["recovery_status"], body["fraud"], Decimal(body["fraud_fine_amount"])) == (
        "to_recover", True, amount * 3)
