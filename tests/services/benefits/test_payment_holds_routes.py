"""Payment holds (R-HOLD-1) through the public API: a payroll run holds an instruction from the
bank file and the ledger when the account or account name changed since the claim's last paid
instruction, when it is the first payment to the account, when a benefit month's amount differs
from the monthly amount beyond the tolerance, or while the person has an open audit review item.
A case manager releases it (paid in the next run, once) or cancels it (never paid).

The claims are in 株洲 (city 430200), where no other test pays: a run's held count and amount
are this test's own."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx

from tests.factories import auth
from tests.four_eyes import approve_as_second, released_bank_file
from tests.services.benefits.factories import ACCOUNT, computed_claim, parse_bank_file, pay_months

DISTRICT, CITY = "430211", "430200"
FINANCE, MANAGER = auth("finance"), auth("case_manager")
WINDOW = auth("service_point", DISTRICT)


async def claim(client: httpx.AsyncClient, **overrides: Any) -> dict:
    # Benefit months 1 = 2025-01-10…02-09, 2 = 02-10…03-09, 3 = 03-10…04-09.
    made = await computed_claim(
        client, district=DISTRICT, registration_date="2025-01-10", separation_date="2025-01-05",
        claim_date="2025-01-10", person_id=str(uuid.uuid4()), **overrides,
    )
    await account(client, made["id"])
    return made


async def account(client: httpx.AsyncClient, claim_id: str, **overrides: str) -> None:
    added = await client.post(f"/claims/{claim_id}/bank-accounts", json={**ACCOUNT, **overrides}, headers=WINDOW)
    # R-CTRL-1: a change of the account is approved by a case manager (the first one is one step).
    added = await approve_as_second(client, added)
    assert added.status_code in (200, 201), added.text


async def run(client: httpx.AsyncClient, period: str = "2025-03") -> tuple[dict, set[str]]:
    response = await client.post("/payroll-runs", json={"period": period, "city": CITY}, headers=FINANCE)
    assert response.status_code == 201, response.text
    text = (await released_bank_file(client, response.json()['id'], FINANCE)).text
    return response.json(), {d[1] for d in parse_bank_file(text)[1]}


async def holds_of(client: httpx.AsyncClient, payment_id: str, status: str = "held") -> list[dict]:
    listed = await client.get(f"/payment-holds?status={status}&limit=200", headers=MANAGER)
    assert listed.status_code == 200, listed.text
    return [h for h in listed.json() if h["payment_id"] == payment_id]


async def decide(client: httpx.AsyncClient, hold_id: int, action: str, reason: str = "已电话核实账户") -> httpx.Response:
    return await client.post(f"/payment-holds/{hold_id}/{action}", json={"reason": reason}, headers=MANAGER)


async def returned_paid(client: httpx.AsyncClient, run_id: int, *payment_ids: str) -> None:
    body = "付款编号,结果,原因\n" + "".join(f"{p},paid,\n" for p in payment_ids)
    answer = await client.post(f"/payroll-runs/{run_id}/bank-returns", content=body.encode(),
                               headers={**FINANCE, "Content-Type": "text/csv"})
    assert answer.status_code == 200, answer.text


async def ledger_of(client: httpx.AsyncClient, payment_id: str) -> list[dict]:
    return (await client.get(f"/fund-ledger?payment_id={payment_id}", headers=auth("auditor"))).json()


async def month_one_paid(client: httpx.AsyncClient, made: dict) -> None:
    """Month 1 held as the first payment to the account, released, paid and confirmed by the bank."""
    (first,) = await pay_months(client, made["id"], 1)
    await run(client)
    (hold,) = await holds_of(client, first["id"])
    assert (await decide(client, hold["id"], "release")).status_code == 200
    paying, lines = await run(client)
    assert first["id"] in lines
    await returned_paid(client, paying["id"], first["id"])


async def test_the_first_payment_to_an_account_is_held_out_of_the_bank_file_and_the_ledger(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    (first,) = await pay_months(client, made["id"], 1)

    summary, lines = await run(client)

    assert first["id"] not in lines
    assert await ledger_of(client, first["id"]) == []
    (hold,) = await holds_of(client, first["id"])
    assert hold["reasons"] == ["first_payment_to_account"] and hold["held_in_run"] == summary["id"]
    assert (hold["claim_id"], hold["benefit_month"], Decimal(hold["amount"])) == (made["id"], 1, Decimal(made["monthly_amount"]))
    assert (summary["held_count"], Decimal(summary["held_amount"])) == (1, Decimal(made["monthly_amount"]))
    payments = (await client.get(f"/claims/{made['id']}/payments", headers=MANAGER)).json()
    assert [p["status"] for p in payments] == ["payable"]  # payable but held

    # Still held for a later run (no second hold), and counted in its summary too.
    later, again = await run(client)
    assert first["id"] not in again and later["held_count"] == 1
    assert len(await holds_of(client, first["id"])) == 1


async def test_a_released_instruction_is_paid_in_the_next_run_once(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    (first,) = await pay_months(client, made["id"], 1)
    await run(client)
    (hold,) = await holds_of(client, first["id"])

    released = await decide(client, hold["id"], "release")
    repeated = await decide(client, hold["id"], "release", "再次提交")
    paying, lines = await run(client)
    after, again = await run(client)

    assert released.status_code == repeated.status_code == 200
    assert released.json()["status"] == "released" and released.json()["decided_by"] == "test-case_manager"
    assert repeated.json()["decision_reason"] == "已电话核实账户"  # the first decision stands
    assert first["id"] in lines and first["id"] not in again
    assert (paying["held_count"], after["held_count"]) == (0, 0)
    assert [e["payroll_run_id"] for e in await ledger_of(client, first["id"])] == [paying["id"]]


async def test_a_normal_second_payment_to_the_unchanged_account_is_not_held(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    await month_one_paid(client, made)
    (second,) = await pay_months(client, made["id"], 2)

    summary, lines = await run(client)

    assert second["id"] in lines and Decimal(second["amount"]) == Decimal(made["monthly_amount"])
    assert await holds_of(client, second["id"]) == [] and summary["held_count"] == 0


async def test_a_changed_account_name_holds_the_next_payment(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    await month_one_paid(client, made)
    await account(client, made["id"], account_name="张三丰")
    (second,) = await pay_months(client, made["id"], 2)

    _, lines = await run(client)

    assert second["id"] not in lines
    assert [h["reasons"] for h in await holds_of(client, second["id"])] == [["account_changed"]]


async def test_a_changed_account_number_is_a_change_and_a_first_payment(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    await month_one_paid(client, made)
    await account(client, made["id"], account_number="6222029999999999999")
    (second,) = await pay_months(client, made["id"], 2)

    _, lines = await run(client)

    assert second["id"] not in lines
    assert [h["reasons"] for h in await holds_of(client, second["id"])] == [["account_changed", "first_payment_to_account"]]


async def test_an_amount_beyond_the_tolerance_is_held(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    await month_one_paid(client, made)
    # R-STOP-1: a stop on 2025-02-20 cuts month 2 (02-10…03-09) to the days before it.
    stop = {"reason": "re_employment", "effective_date": "2025-02-20", "evidence_ref": "hold-1"}
    assert (await approve_as_second(client, await client.post(f"/claims/{made['id']}/stop", json=stop, headers=MANAGER))).status_code == 200
    (second,) = await pay_months(client, made["id"], 2)
    assert Decimal(second["amount"]) < Decimal(made["monthly_amount"]) - 1

    _, lines = await run(client)

    assert second["id"] not in lines
    assert [h["reasons"] for h in await holds_of(client, second["id"])] == [["amount_differs"]]


async def test_an_open_audit_review_item_holds_the_payment(
    audit_client: httpx.AsyncClient, insurance_histories: dict[str, dict]
) -> None:
    client = audit_client
    made = await claim(client)
    await month_one_paid(client, made)
    (second,) = await pay_months(client, made["id"], 2)
    new_employer = str(uuid.uuid4())
    insurance_histories[made["person_id"]] = {
        "person_id": made["person_id"], "as_of": "2025-06-01", "contribution_months": 30, "last_employer_id": None,
        "spells": [{"employer_id": new_employer, "first_month": "2025-02", "last_month": "2025-02", "months": 1}],
    }
    matched = await client.post("/audit/cross-match-runs", json={"city": CITY, "as_of": "2025-06-01"}, headers=auth("operations"))
    assert matched.status_code == 200, matched.text

    _, lines = await run(client)

    assert second["id"] not in lines
    assert [h["reasons"] for h in await holds_of(client, second["id"])] == [["open_audit_review"]]


async def test_a_cancelled_instruction_is_never_paid(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    (first,) = await pay_months(client, made["id"], 1)
    await run(client)
    (hold,) = await holds_of(client, first["id"])

    cancelled = await decide(client, hold["id"], "cancel", "账户非本人所有")
    _, lines = await run(client)

    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert first["id"] not in lines and await ledger_of(client, first["id"]) == []
    (payment,) = (await client.get(f"/claims/{made['id']}/payments", headers=MANAGER)).json()
    assert payment["status"] == "cancelled" and "账户非本人所有" in payment["cancelled_reason"]
    assert [h["id"] for h in await holds_of(client, first["id"], "cancelled")] == [hold["id"]]


async def test_refusals_have_codes_and_chinese_messages(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    (first,) = await pay_months(client, made["id"], 1)
    await run(client)
    (hold,) = await holds_of(client, first["id"])

    by_finance = await client.post(f"/payment-holds/{hold['id']}/release", json={"reason": "x"}, headers=FINANCE)
    no_reason = await client.post(f"/payment-holds/{hold['id']}/release", json={"reason": " "}, headers=MANAGER)
    missing = await decide(client, 2**40, "release")
    assert (await decide(client, hold["id"], "release")).status_code == 200
    contrary = await decide(client, hold["id"], "cancel")

    assert by_finance.status_code == 403
    assert no_reason.status_code == 422
    assert (missing.status_code, missing.json()["code"]) == (404, "payment_hold_not_found")
    assert (contrary.status_code, contrary.json()["code"], contrary.json()["field"]) == (
        409, "payment_hold_already_released", "hold_id")
    assert "已放行" in contrary.json()["message"]
    payments = (await client.get(f"/claims/{made['id']}/payments", headers=MANAGER)).json()
    assert [p["status"] for p in payments] == ["payable"]  # the refused cancel changed nothing


async def test_a_service_point_sees_only_its_own_districts_holds(client: httpx.AsyncClient) -> None:
    made = await claim(client)
    (first,) = await pay_months(client, made["id"], 1)
    await run(client)
    (hold,) = await holds_of(client, first["id"])
    other = auth("service_point", "430102")

    own = (await client.get("/payment-holds?status=held&limit=200", headers=WINDOW)).json()
    foreign = (await client.get(f"/payment-holds?status=held&district={DISTRICT}&limit=200", headers=other)).json()
    one = await client.get(f"/payment-holds/{hold['id']}", headers=other)

    assert hold["id"] in {h["id"] for h in own} and {h["district"] for h in own} == {DISTRICT}
    assert hold["id"] not in {h["id"] for h in foreign}
    assert (one.status_code, one.json()["code"]) == (404, "payment_hold_not_found")
