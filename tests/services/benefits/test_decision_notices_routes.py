"""Written decisions (R-NOTICE-1): one immutable PDF per decision, issued in the decision's own
transaction, with the appeal rights (R-APPEAL-1); its delivery starts the appeal clock."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import pytest
from pypdf import PdfReader

from tests.clock import TestClock
from tests.factories import auth
from tests.four_eyes import approve_as_second
from tests.services.benefits.factories import computed_claim, evidence, open_claim, pay_months

APPEAL_SENTENCE = (
    "如不服本决定，可以自收到本决定书之日起六十日内向长沙市人民政府申请行政复议，"
    "或者在六个月内向人民法院提起行政诉讼。"
)
CM = auth("case_manager")
# Benefit months from 2025-01-10: 36 contribution months → 12 months (R-DUR-1).
DATES = {"registration_date": "2025-01-10", "separation_date": "2025-01-05", "claim_date": "2025-01-10"}


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with WeasyPrint's line breaks taken out (a sentence may wrap)."""
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


async def notices_of(client: httpx.AsyncClient, claim_id: str, headers: dict[str, str] = CM) -> list[dict[str, Any]]:
    response = await client.get(f"/claims/{claim_id}/decision-notices", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def pdf_of(client: httpx.AsyncClient, notice_id: str, headers: dict[str, str] = CM) -> httpx.Response:
    return await client.get(f"/decision-notices/{notice_id}.pdf", headers=headers)


async def test_an_approval_issues_one_notice_with_the_months_the_amount_and_the_appeal_rights(
    client: httpx.AsyncClient,
) -> None:
    claim = await computed_claim(client, **DATES)
    repeat = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/decision", json={"approved": True}, headers=CM))

    [before] = await notices_of(client, claim["id"])
    response = await pdf_of(client, before["id"])
    [notice] = await notices_of(client, claim["id"])
    again = await pdf_of(client, notice["id"])

    assert (repeat.status_code, repeat.json()["code"]) == (409, "claim_already_decided")
    # The decision committed the notice's text; its PDF is made at the first download, once.
    assert before["sha256"] is None and again.content == response.content
    assert (notice["kind"], notice["decision_ref"], notice["appeal_rights_included"]) == (
        "claim_approved", claim["id"], True
    )
    assert (notice["delivery"], notice["appeal_deadline"], notice["litigation_deadline"]) == (None, None, None)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert hashlib.sha256(response.content).hexdigest() == notice["sha256"]
    text = pdf_text(response.content)
    amount = f"¥{Decimal(claim['monthly_amount']):,.2f}"
    assert APPEAL_SENTENCE in text
    assert "长沙市失业保险经办机构" in text and "失业保险金核准决定书" in text
    assert "12个月" in text and amount in text and "2025年1月10日" in text
    assert "第四十五条" in text and "第四十六条" in text


async def test_the_database_refuses_to_change_or_remove_a_notice(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await computed_claim(client, **DATES)
    [notice] = await notices_of(client, claim["id"])
    assert (await pdf_of(client, notice["id"])).status_code == 200  # the PDF is made and stored

    for statement in (
        "UPDATE decision_notices SET pdf = 'x'::bytea, sha256 = encode(sha256('x'::bytea), 'hex') WHERE id = $1",
        "UPDATE decision_notices SET appeal_rights_included = false WHERE id = $1",
        "UPDATE decision_notices SET html = '<p>另一份</p>' WHERE id = $1",
        "DELETE FROM decision_notices WHERE id = $1",
    ):
        with pytest.raises(asyncpg.IntegrityConstraintViolationError, match="immutable"):
            async with conn.transaction():
                await conn.execute(statement, notice["id"])
    # The hash is the PDF's, or the row is not stored at all.
    with pytest.raises(asyncpg.CheckViolationError):
        async with conn.transaction():
            await conn.execute(
                "INSERT INTO decision_notices (id, claim_id, kind, decision_ref, issued_by, pdf, sha256,"
                " appeal_rights_included) VALUES (gen_random_uuid(), $1::uuid, 'benefit_stopped', $1, 't',"
                " 'a'::bytea, $2, true)",
                claim["id"], "0" * 64,
            )


async def test_a_rejection_lists_each_unmet_condition_with_its_rule(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client, **DATES, separation_reason="voluntary_resignation", evidence=evidence(6))
    decided = await client.post(
        f"/claims/{claim['id']}/decision", json={"approved": False, "reason": "缴费不满一年且自愿离职"}, headers=CM
    )
    assert decided.status_code == 200, decided.text

    [notice] = await notices_of(client, claim["id"])
    text = pdf_text((await pdf_of(client, notice["id"])).content)

    assert notice["kind"] == "claim_rejected"
    assert "失业保险金不予核准决定书" in text and APPEAL_SENTENCE in text
    unmet = [c for c in decided.json()["eligibility"]["conditions"] if c["status"] == "not_met"]
    assert {c["rule"] for c in unmet} == {"R-ELIG-1", "R-ELIG-2"}
    for condition in unmet:
        assert condition["rule"] + "".join(condition["why"].split()) in text


async def test_a_stop_issues_a_notice_once_with_its_reason_and_date(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client, **DATES)
    stop = {"reason": "re_employment", "effective_date": "2025-03-01", "evidence_ref": "placement-1"}
    first = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=CM))
    again = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=CM))

    notices = await notices_of(client, claim["id"])
    [stopped] = [n for n in notices if n["kind"] == "benefit_stopped"]
    text = pdf_text((await pdf_of(client, stopped["id"])).content)

    assert (first.status_code, again.status_code) == (200, 200)
    assert [n["kind"] for n in notices] == ["claim_approved", "benefit_stopped"]
    assert "重新就业" in text and "2025年3月1日" in text and "R-STOP-1" in text and "第五十一条" in text


async def test_a_decision_to_recover_an_overpayment_issues_its_notice(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await computed_claim(client, **DATES)
    await pay_months(client, claim["id"], 1, 2)
    # Arrangement: both months left the fund (the payroll path is tested in test_payroll_routes).
    await conn.execute("UPDATE payments SET status = 'paid' WHERE claim_id = $1::uuid", claim["id"])
    stop = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-2"}
    assert (await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=CM))).status_code == 200
    url = f"/claims/{claim['id']}/overpayments"
    [overpayment] = (await client.get(url, headers=CM)).json()

    decision = {"outcome": "recover", "note": "再就业后多领, 决定追回"}
    decided = await approve_as_second(client, await client.post(f"{url}/{overpayment['id']}/decision", json=decision, headers=CM))
    again = await approve_as_second(client, await client.post(f"{url}/{overpayment['id']}/decision", json=decision, headers=CM))

    [recovery] = [n for n in await notices_of(client, claim["id"]) if n["kind"] == "overpayment_recovery"]
    text = pdf_text((await pdf_of(client, recovery["id"])).content)
    assert (decided.status_code, again.status_code) == (200, 200)
    assert recovery["decision_ref"] == overpayment["id"]
    assert f"¥{Decimal(overpayment['amount']):,.2f}" in text and "第2个待遇月" in text
    assert "R-FRAUD-1" in text and APPEAL_SENTENCE in text


async def test_delivery_starts_the_appeal_clock_in_china_dates(client: httpx.AsyncClient, clock: TestClock) -> None:
    # 17:30 UTC on 31 August is 01:30 on 1 September in China (R-TIME-1).
    clock.at = dt.datetime(2025, 8, 31, 17, 30, tzinfo=dt.UTC)
    claim = await computed_claim(client, **DATES)
    [notice] = await notices_of(client, claim["id"])
    url = f"/decision-notices/{notice['id']}/delivery"

    tomorrow = await client.post(url, json={"channel": "in_person", "delivered_on": "2025-09-02"}, headers=CM)
    before = await client.post(url, json={"channel": "in_person", "delivered_on": "2025-08-31"}, headers=CM)
    body = {"channel": "in_person", "delivered_on": "2025-09-01"}
    first = await client.post(url, json=body, headers=auth("service_point", "430102"))
    repeat = await client.post(url, json=body, headers=CM)
    other = await client.post(url, json={"channel": "post", "delivered_on": "2025-09-01"}, headers=CM)
    [listed] = await notices_of(client, claim["id"])

    assert (tomorrow.status_code, tomorrow.json()["code"]) == (422, "delivered_in_future")
    assert (before.status_code, before.json()["code"]) == (422, "delivered_before_issue")
    assert (first.status_code, repeat.status_code) == (201, 200)
    assert (other.status_code, other.json()["code"]) == (409, "notice_already_delivered")
    assert "已登记送达" in other.json()["message"]
    # R-APPEAL-1: 60 days for 行政复议; 6 months for 行政诉讼 (clamped to the month's end).
    assert (listed["appeal_deadline"], listed["litigation_deadline"]) == ("2025-10-31", "2026-03-01")
    assert listed["delivery"]["channel"] == "in_person" and listed["delivery"]["delivered_on"] == "2025-09-01"
    assert listed["delivery"]["recorded_by"] == "test-service_point"
    assert first.json() == listed


async def test_another_districts_service_point_finds_no_notice(client: httpx.AsyncClient, clock: TestClock) -> None:
    claim = await computed_claim(client, **DATES)
    [notice] = await notices_of(client, claim["id"])
    elsewhere = auth("service_point", "430103")
    delivery = {"channel": "in_person", "delivered_on": clock.today().isoformat()}

    pdf = await pdf_of(client, notice["id"], elsewhere)
    listed = await client.get(f"/claims/{claim['id']}/decision-notices", headers=elsewhere)
    delivered = await client.post(f"/decision-notices/{notice['id']}/delivery", json=delivery, headers=elsewhere)
    own = await pdf_of(client, notice["id"], auth("service_point", "430102"))

    assert (pdf.status_code, pdf.json()["code"]) == (404, "decision_notice_not_found")
    assert listed.status_code == 404 and delivered.status_code == 404
    assert own.status_code == 200 and (await pdf_of(client, notice["id"], auth("auditor"))).status_code == 200


async def test_finance_may_list_but_not_download_or_deliver(client: httpx.AsyncClient, clock: TestClock) -> None:
    claim = await computed_claim(client, **DATES)
    [notice] = await notices_of(client, claim["id"], auth("finance"))
    delivery = {"channel": "online", "delivered_on": clock.today().isoformat()}

    assert (await pdf_of(client, notice["id"], auth("finance"))).status_code == 403
    assert (await client.post(f"/decision-notices/{notice['id']}/delivery", json=delivery,
                              headers=auth("auditor"))).status_code == 403
