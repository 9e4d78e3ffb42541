"""Payroll runs, bank files, bank returns and re-issue (R-PAY-1), with the fund ledger (R-FUND-1).

Other tests commit rows to uis_test, so a run may hold more than this test's payments: every
assertion is about the payments this test created, or about the file's own consistency."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg
import httpx
import pytest

from tests.clock import TestClock
from tests.factories import auth
from tests.four_eyes import approve_as_second, released_bank_file
from tests.services.benefits.factories import (
    ACCOUNT,
    computed_claim,
    parse_bank_file,
    pay_months,
    set_account,
)
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds

FINANCE = auth("finance")


async def claim_with_two_due_months(client: httpx.AsyncClient) -> tuple[dict, list[dict]]:
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(client, claim["id"])).status_code == 201
    return claim, await pay_months(client, claim["id"], 1, 2)


async def run(client: httpx.AsyncClient, period: str = "2025-02") -> tuple[dict, dict[str, list[str]]]:
    # R-HOLD-1: first payments to the new account are held; released, the next run pays them.
    response = await run_releasing_holds(client, period)
    assert response.status_code == 201, response.text
    text = (await released_bank_file(client, response.json()['id'], FINANCE)).text
    header, details = parse_bank_file(text)
    # The control record agrees with the details and with the run.
    assert int(header[4]) == len(details) == response.json()["item_count"]
    assert Decimal(header[5]) == sum((Decimal(d[5]) for d in details), Decimal("0")) == Decimal(
        response.json()["control_total"]
    )
    return response.json(), {d[1]: d for d in details}


async def ledger_of(client: httpx.AsyncClient, payment_id: str) -> list[dict]:
    response = await client.get(f"/fund-ledger?payment_id={payment_id}", headers=auth("auditor"))
    assert response.status_code == 200
    return response.json()


async def test_a_run_pays_due_instructions_once_and_a_rerun_pays_nothing_twice(client: httpx.AsyncClient) -> None:
    claim, payments = await claim_with_two_due_months(client)
    ids = {p["id"] for p in payments}

    first, lines = await run(client)
    second, again = await run(client)

    assert ids <= set(lines)
    assert not ids & set(again)
    line = lines[payments[0]["id"]]
    assert line[3] == ACCOUNT["account_number"] and Decimal(line[5]) == Decimal(claim["monthly_amount"])
    listed = (await client.get(f"/claims/{claim['id']}/payments", headers=FINANCE)).json()
    assert {p["status"] for p in listed} == {"disbursed"}
    # R-FUND-1: one outflow per disbursed instruction, with its legal basis.
    entries = await ledger_of(client, payments[0]["id"])
    assert [(Decimal(e["amount"]), e["kind"], e["payroll_run_id"]) for e in entries] == [
        (Decimal(claim["monthly_amount"]), "benefit", first["id"])
    ]
    assert "R-PAY-1" in entries[0]["legal_basis"]


async def test_months_not_yet_due_wait_for_their_period(client: httpx.AsyncClient) -> None:
    _, payments = await claim_with_two_due_months(client)
    _, lines = await run(client, period="2025-01")
    assert payments[0]["id"] in lines and payments[1]["id"] not in lines


def china_instant(day: str, hour: int = 0, minute: int = 30) -> dt.datetime:
    """``hour:minute`` China time on ``day``, as a UTC instant: China's date is ahead of UTC's."""
    china = dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return china.astimezone(dt.UTC)


async def test_a_period_that_has_not_begun_is_refused(client: httpx.AsyncClient, clock: TestClock) -> None:
    """R-TIME-1: the period begins on its first China day, whatever UTC's date is then."""
    await claim_with_two_due_months(client)
    clock.at = china_instant("2025-02-28", hour=23, minute=59)
    early = await client.post("/payroll-runs", json={"period": "2025-03", "city": "430100"}, headers=FINANCE)
    assert early.status_code == 409, early.text
    assert (early.json()["code"], early.json()["field"]) == ("payroll_period_not_started", "period")
    assert "2025-03" in early.json()["message"]

    clock.at = china_instant("2025-03-01")  # 2025-02-28T16:30Z
    on_time = await client.post("/payroll-runs", json={"period": "2025-03", "city": "430100"}, headers=FINANCE)
    assert on_time.status_code == 201, on_time.text


async def test_a_benefit_month_is_not_paid_before_it_starts_even_within_the_period(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    """Month 2 (2025-02-10 …) is in period 2025-02, but a run on 2025-02-09 must not pay it yet."""
    _, payments = await claim_with_two_due_months(client)
    month_1, month_2 = (p["id"] for p in payments)

    clock.at = china_instant("2025-02-09", hour=23)
    _, early = await run(client, period="2025-02")
    clock.at = china_instant("2025-02-10")  # China's 2025-02-10 begins at 2025-02-09T16:00Z
    _, later = await run(client, period="2025-02")

    assert month_1 in early and month_2 not in early
    assert month_2 in later and month_1 not in later


async def test_instructions_without_an_account_are_left_for_a_later_run(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    [payment] = await pay_months(client, claim["id"], 1)
    result, lines = await run(client)
    assert payment["id"] not in lines and result["left_out_without_account"] >= 1


async def test_bank_return_marks_rejects_and_a_reissue_after_correction_pays_once(client: httpx.AsyncClient) -> None:
    claim, payments = await claim_with_two_due_months(client)
    first, _ = await run(client)
    good, bad = payments[0]["id"], payments[1]["id"]
    returns = f"付款编号,结果,原因\n{good},paid,\n{bad},rejected,账户不存在\n"

    imported = await client.post(f"/payroll-runs/{first['id']}/bank-returns", content=returns, headers=FINANCE)
    repeated = await client.post(f"/payroll-runs/{first['id']}/bank-returns", content=returns, headers=FINANCE)

    assert imported.status_code == 200, imported.text
    assert (imported.json()["paid"], imported.json()["rejected"]) == (1, 1)
    assert repeated.json()["unchanged"] == 2
    statuses = {p["id"]: p["status"] for p in (await client.get(f"/claims/{claim['id']}/payments", headers=FINANCE)).json()}
    assert (statuses[good], statuses[bad]) == ("paid", "rejected")
    # The rejection is a new, negative entry reversing the outflow.
    entries = await ledger_of(client, bad)
    assert [Decimal(e["amount"]) for e in entries] == [Decimal(claim["monthly_amount"]), -Decimal(claim["monthly_amount"])]
    assert entries[1]["reverses_entry_id"] == entries[0]["id"]

    # Not re-issued to the same account; after the correction it is paid once.
    same = await client.post(f"/payments/{bad}/reissue", headers=FINANCE)
    assert (same.status_code, same.json()["code"]) == (409, "account_not_corrected")
    changed = await set_account(client, claim["id"], account_number="6222029999999999999")
    assert (await approve_as_second(client, changed)).status_code == 200  # R-CTRL-1
    reissued = await client.post(f"/payments/{bad}/reissue", headers=FINANCE)
    twice = await client.post(f"/payments/{bad}/reissue", headers=FINANCE)
    assert (reissued.json()["status"], twice.json()["status"]) == ("payable", "payable")

    second, lines = await run(client)
    third, later = await run(client)
    assert lines[bad][3] == "6222029999999999999" and good not in lines
    assert bad not in later
    paid = await client.post(f"/payroll-runs/{second['id']}/bank-returns", content=f"{bad},成功,\n", headers=FINANCE)
    assert paid.json()["paid"] == 1
    net = sum((Decimal(e["amount"]) for e in await ledger_of(client, bad)), Decimal("0"))
    assert net == Decimal(claim["monthly_amount"])  # paid exactly once


async def test_a_return_contradicting_an_earlier_one_is_refused(client: httpx.AsyncClient) -> None:
    _, payments = await claim_with_two_due_months(client)
    first, _ = await run(client)
    pid = payments[0]["id"]
    await client.post(f"/payroll-runs/{first['id']}/bank-returns", content=f"{pid},paid,\n", headers=FINANCE)
    response = await client.post(
        f"/payroll-runs/{first['id']}/bank-returns", content=f"{pid},rejected,账户冻结\n", headers=FINANCE
    )
    assert (response.status_code, response.json()["code"]) == (409, "return_conflicts")


@pytest.mark.parametrize(
    ("content", "code", "field"),
    [
        ("not-a-uuid,paid,\n", "invalid_payment_id", "file.line1"),
        ("{pid},maybe,\n", "invalid_return_result", "file.line1"),
        ("{pid},rejected,\n", "reject_reason_required", "file.line1"),
        (f"{uuid.uuid4()},paid,\n", "payment_not_in_run", "file"),
        ("", "empty_return_file", "file"),
    ],
)
async def test_bad_return_files_are_refused_with_the_line(
    client: httpx.AsyncClient, content: str, code: str, field: str
) -> None:
    _, payments = await claim_with_two_due_months(client)
    first, _ = await run(client)
    response = await client.post(
        f"/payroll-runs/{first['id']}/bank-returns", content=content.format(pid=payments[0]["id"]), headers=FINANCE
    )
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)


async def test_the_database_allows_one_unrejected_run_item_per_payment(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """Paid at most once, whatever the code does: the partial unique index decides."""
    _, payments = await claim_with_two_due_months(client)
    first, _ = await run(client)
    other_run = await conn.fetchval("INSERT INTO payroll_runs (period, city, created_by) VALUES ('2025-02', '430100', 't') RETURNING id")
    with pytest.raises(asyncpg.UniqueViolationError):
        async with conn.transaction():
            await conn.execute(
                "INSERT INTO payroll_run_items (run_id, payment_id, bank_account_id, amount)"
                " SELECT $1, payment_id, bank_account_id, amount FROM payroll_run_items WHERE run_id = $2 AND payment_id = $3::uuid",
                other_run, first["id"], payments[0]["id"],
            )


async def test_bank_accounts_are_masked_for_every_role(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client)
    created = await set_account(client, claim["id"])
    repeated = await set_account(client, claim["id"])
    assert (created.status_code, repeated.status_code) == (201, 200)
    for role in ("finance", "case_manager", "auditor"):
        response = await client.get(f"/claims/{claim['id']}/bank-accounts", headers=auth(role))
        assert ACCOUNT["account_number"] not in response.text and "张三" not in response.text
        assert response.json()[0]["account_number_masked"] == "6222***********0123"


async def test_only_finance_runs_payroll(client: httpx.AsyncClient) -> None:
    for role in ("service_point", "case_manager", "operations", "auditor"):
        response = await client.post("/payroll-runs", json={"period": "2025-02", "city": "430100"}, headers=auth(role))
        assert response.status_code == 403
    bad = await client.post("/payroll-runs", json={"period": "2025-13", "city": "430100"}, headers=FINANCE)
    assert (bad.status_code, bad.json()["field"]) == (422, "period")


async def test_the_monthly_fund_report_sums_by_kind_and_city(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    claim, payments = await claim_with_two_due_months(client)
    await run(client)
    month = (await conn.fetchval("SELECT to_char(entry_date, 'YYYY-MM') FROM fund_ledger WHERE payment_id = $1::uuid", payments[0]["id"]))
    report = (await client.get(f"/fund-ledger/report?month={month}", headers=auth("auditor"))).json()
    line = next(x for x in report["lines"] if (x["city"], x["kind"]) == ("430100", "benefit"))
    assert Decimal(line["outflow"]) >= 2 * Decimal(claim["monthly_amount"])
    assert Decimal(report["total_net"]) == sum((Decimal(x["net"]) for x in report["lines"]), Decimal("0"))
    with pytest.raises(asyncpg.IntegrityConstraintViolationError):
        async with conn.transaction():
            await conn.execute("DELETE FROM fund_ledger WHERE payment_id = $1::uuid", payments[0]["id"])


async def test_medical_premiums_go_to_the_medical_fund_once_and_are_booked(client: httpx.AsyncClient) -> None:
    """R-MED-1 / R-FUND-1: not in the personal bank file, but an outflow of the run, once."""
    claim, _ = await claim_with_two_due_months(client)
    premium = await client.post(
        f"/claims/{claim['id']}/payments", json={"benefit_month": 1, "kind": "medical_premium"}, headers=auth("system")
    )
    # The run that holds the claimant's first payments (R-HOLD-1) transfers the premium; the run
    # after the release pays the benefit months and no premium again.
    holding = await client.post("/payroll-runs", json={"period": "2025-02", "city": "430100"}, headers=FINANCE)
    first = holding.json()
    second, lines = await run(client)

    assert premium.json()["id"] not in lines
    assert first["medical_premium_count"] >= 1 and second["medical_premium_count"] == 0
    entries = await ledger_of(client, premium.json()["id"])
    assert [(e["kind"], Decimal(e["amount"]), e["payroll_run_id"]) for e in entries] == [
        ("medical_premium", Decimal(premium.json()["amount"]), first["id"])
    ]
    listed = {p["id"]: p["status"] for p in (await client.get(f"/claims/{claim['id']}/payments", headers=FINANCE)).json()}
    assert listed[premium.json()["id"]] == "paid"


async def test_balances_net_out_reversals(client: httpx.AsyncClient) -> None:
    """R-FUND-1: a rejected payment is reversed by a new entry, so the balance counts it once."""
    claim, payments = await claim_with_two_due_months(client)
    before = {(b["city"], b["kind"]): Decimal(b["net"]) for b in (await client.get("/fund-ledger/balances?city=430100", headers=FINANCE)).json()}
    first, _ = await run(client)
    await client.post(f"/payroll-runs/{first['id']}/bank-returns", content=f"{payments[1]['id']},rejected,账户冻结\n", headers=FINANCE)
    after = {(b["city"], b["kind"]): Decimal(b["net"]) for b in (await client.get("/fund-ledger/balances?city=430100", headers=FINANCE)).json()}
    assert after[("430100", "benefit")] - before.get(("430100", "benefit"), Decimal("0")) >= Decimal(claim["monthly_amount"])
    mine = await ledger_of(client, payments[1]["id"])
    assert sum(Decimal(e["amount"]) for e in mine) == 0
