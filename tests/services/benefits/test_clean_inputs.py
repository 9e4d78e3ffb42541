"""A clean answer to every input (issue 9, item 3), benefits service: what fuzzing found answering
500 (row IDs past bigint, a bare CR in a bank return file, year 0), and what was accepted that must
be refused (a stop dated 2472 or 9999, line breaks in an account holder's name); a line break
already stored never adds a line to the bank file."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.factories import auth
from tests.four_eyes import approve_as_second, released_bank_file
from tests.services.benefits.factories import approved_claim, computed_claim, pay_months, set_account
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds

TOO_BIG = str(2**63)
FINANCE = auth("finance")


def assert_refused(response: httpx.Response, code: str | None, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == field, body
    if code is not None:
        assert body["code"] == code, body


# --- dates far outside their meaning -------------------------------------------------------------


@pytest.mark.parametrize("day", ["2472-07-24", "9999-12-31", "0001-01-01"])
async def test_a_stop_dated_centuries_away_is_refused(client: httpx.AsyncClient, day: str) -> None:
    claim = await approved_claim(client)
    response = await approve_as_second(client, await client.post(
        f"/claims/{claim['id']}/stop",
        json={"reason": "re_employment", "effective_date": day, "evidence_ref": "placement:1"},
        headers=auth("case_manager"),
    ))
    assert_refused(response, "date_out_of_range", "effective_date")


async def test_a_stop_more_than_a_month_ahead_is_refused_and_a_near_one_accepted(
    client: httpx.AsyncClient, clock
) -> None:
    claim = await approved_claim(client)
    today = clock.today()
    far = await approve_as_second(client, await client.post(
        f"/claims/{claim['id']}/stop",
        json={"reason": "enlistment", "effective_date": (today + dt.timedelta(days=32)).isoformat(),
              "evidence_ref": "入伍通知书 1"},
        headers=auth("case_manager"),
    ))
    assert_refused(far, "date_too_far_ahead", "effective_date")
    near = await approve_as_second(client, await client.post(
        f"/claims/{claim['id']}/stop",
        json={"reason": "enlistment", "effective_date": (today + dt.timedelta(days=31)).isoformat(),
              "evidence_ref": "入伍通知书 1"},
        headers=auth("case_manager"),
    ))
    assert near.status_code == 200, near.text


async def test_a_transfer_centuries_away_is_refused(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client)
    response = await client.post(
        f"/claims/{claim['id']}/transfer-out",
        json={"effective_date": "9999-12-31", "destination_area": "440103", "evidence_ref": "转移联系函 1"},
        headers=auth("case_manager"),
    )
    assert_refused(response, "date_out_of_range", "effective_date")


# --- integers past bigint, months of year 0 ------------------------------------------------------


@pytest.mark.parametrize("path", [f"/payroll-runs/{TOO_BIG}", f"/payroll-runs/{TOO_BIG}/bank-file"])
async def test_a_payroll_run_id_past_bigint_is_refused(client: httpx.AsyncClient, path: str) -> None:
    assert_refused(await client.get(path, headers=FINANCE), None, "run_id")


async def test_a_bank_return_for_a_run_id_past_bigint_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"/payroll-runs/{TOO_BIG}/bank-returns", content=f"{uuid.uuid4()},paid\n".encode(),
        headers={**FINANCE, "Content-Type": "text/csv"},
    )
    assert_refused(response, None, "run_id")


@pytest.mark.parametrize("path", ["/claims", "/fund-ledger"])
async def test_an_offset_past_bigint_is_refused(client: httpx.AsyncClient, path: str) -> None:
    assert_refused(await client.get(f"{path}?offset={TOO_BIG}", headers=auth("auditor")), None, "offset")


async def test_months_of_year_0_are_refused(client: httpx.AsyncClient) -> None:
    run = await run_releasing_holds(client, "0000-01")
    assert_refused(run, "invalid_month", "period")
    listed = await client.get("/payroll-runs?period=0000-01", headers=FINANCE)
    assert_refused(listed, "invalid_month", "period")
    report = await client.get("/fund-ledger/report?month=0000-01", headers=auth("auditor"))
    assert_refused(report, "invalid_month", "month")
    preview = await client.post(
        "/entitlement-previews",
        json={"separation_date": china_today().isoformat(), "separation_reason": "contract_expired", "contribution_months": 12,
              "spells": [{"first_month": "0000-01", "last_month": "2024-12", "months": 12}]},
        headers=auth("case_manager"),
    )
    assert_refused(preview, "invalid_month", "spells.0.first_month")


async def test_a_boolean_is_not_a_benefit_month(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client)
    response = await client.post(f"/claims/{claim['id']}/payments", json={"benefit_month": True}, headers=auth("system"))
    assert_refused(response, None, "benefit_month")


# --- text: NUL, line breaks --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["张\n三", "张\r三", "张\x00三", "张\u202e三"])
async def test_an_account_holder_name_with_a_line_break_or_nul_is_refused(client: httpx.AsyncClient, name: str) -> None:
    claim = await approved_claim(client)
    response = await set_account(client, claim["id"], account_name=name)
    assert_refused(response, "invalid_characters", "account_name")


async def test_an_account_number_of_other_digits_is_refused(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client)
    response = await set_account(client, claim["id"], account_number="٦٢٢٢٠٢١٢٣٤٥٦٧٨٩٠١٢٣")
    assert_refused(response, "invalid_account_number", "account_number")


async def test_a_nul_in_a_stop_reference_is_refused(client: httpx.AsyncClient) -> None:
    claim = await approved_claim(client)
    response = await approve_as_second(client, await client.post(
        f"/claims/{claim['id']}/stop",
        json={"reason": "re_employment", "effective_date": china_today().isoformat(), "evidence_ref": "p\x00"},
        headers=auth("case_manager"),
    ))
    assert_refused(response, "invalid_characters", "evidence_ref")


# --- bank files --------------------------------------------------------------------------------


async def test_a_return_file_with_bare_cr_line_ends_is_read(client: httpx.AsyncClient) -> None:
    """Lines ended by a bare CR (old Mac style) are lines, not a CSV error (a 500 before)."""
    missing_run = 2**62
    body = f"付款编号,结果,原因\r{uuid.uuid4()},paid\r{uuid.uuid4()},rejected,账户不存在\r"
    response = await client.post(
        f"/payroll-runs/{missing_run}/bank-returns", content=body.encode(), headers={**FINANCE, "Content-Type": "text/csv"}
    )
    assert (response.status_code, response.json()["code"]) == (404, "payroll_run_not_found"), response.text


@pytest.mark.parametrize("line", ["{id},paid\x00", "{id},rejected,账户\x00不存在", "{id},rejected,\"账户\r不存在\"",
                                  "{id},rejected,账户\u202e不存在"])
async def test_a_return_file_with_nul_or_a_broken_field_is_refused(client: httpx.AsyncClient, line: str) -> None:
    body = "付款编号,结果,原因\n" + line.format(id=uuid.uuid4()) + "\n"
    response = await client.post(
        f"/payroll-runs/{2**62}/bank-returns", content=body.encode(), headers={**FINANCE, "Content-Type": "text/csv"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["code"] in ("invalid_characters", "invalid_return_file", "invalid_payment_id")
    assert response.json()["field"].startswith("file.line")


async def test_a_stored_line_break_in_a_holder_name_never_adds_a_line_to_the_bank_file(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(client, claim["id"])).status_code == 201
    [payment] = await pay_months(client, claim["id"], 1)
    # A name from before the input check (or written by hand): the file must still hold one record.
    await conn.execute(
        "UPDATE bank_accounts SET account_name = $2 WHERE claim_id = $1", uuid.UUID(claim["id"]), "张\r\n三\n"
    )
    run = await run_releasing_holds(client, "2025-02")
    assert run.status_code == 201, run.text
    text = (await released_bank_file(client, run.json()['id'], FINANCE)).text
    lines = text.split("\n")
    assert lines[-1] == "" and all(line[:2] in ("H,", "D,") for line in lines[:-1]), lines
    assert len(lines) - 1 == 1 + run.json()["item_count"]
    [mine] = [line for line in lines if payment["id"] in line]
    assert "张  三 " in mine
