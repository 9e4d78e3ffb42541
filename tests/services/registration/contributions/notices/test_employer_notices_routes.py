"""An employer's written decisions (R-NOTICE-1): a contribution assessment (R-DECL-1), a
settlement with its late fees (R-LATE-1) and a fine each issue one notice in their own
transaction, with the facts, the rule, the amounts and the appeal rights (R-APPEAL-1: 行政复议
60 days, 行政诉讼 6 months); the PDF is kept as first made, with its SHA-256; the delivery starts
the appeal clock. A service point sees its own district's employers' notices only."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from typing import Any

import asyncpg
import httpx
import pytest
from pypdf import PdfReader

from tests.clock import TestClock
from tests.factories import auth
from tests.services.registration.contributions import factories as f

APPEAL_SENTENCE = (
    "如不服本决定，可以自收到本决定书之日起六十日内向长沙市人民政府申请行政复议，"
    "或者在六个月内向人民法院提起行政诉讼。"
)
CM = auth("case_manager")
# 2025-06-14 10:00 in China: April 2025 fell due on 2025-05-15 and is 30 days overdue.
TODAY = dt.datetime(2025, 6, 14, 2, 0, tzinfo=dt.UTC)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with WeasyPrint's line breaks taken out (a sentence may wrap)."""
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
async def assessed(client: httpx.AsyncClient, conn: asyncpg.Connection, clock: TestClock) -> dict[str, Any]:
    """March 2025 declared (10,000.00 → 300.00); April undeclared, assessed at 330.00 on 2025-06-14."""
    clock.at = TODAY
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    employment_id = await f.employment(conn, employer["id"])
    await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    response = await client.post(
        f"/employers/{employer['id']}/assessments", json={"contribution_month": "2025-04"}, headers=CM
    )
    assert response.status_code == 201, response.text
    return {**employer, "employment_id": employment_id, "assessment": response.json()}


async def notices_of(client: httpx.AsyncClient, employer_id: Any, headers: dict[str, str] = CM) -> list[dict[str, Any]]:
    response = await client.get(f"/employers/{employer_id}/decision-notices", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def pdf_of(client: httpx.AsyncClient, notice_id: str, headers: dict[str, str] = CM) -> httpx.Response:
    return await client.get(f"/employer-decision-notices/{notice_id}.pdf", headers=headers)


async def deliver(
    client: httpx.AsyncClient, notice_id: str, delivered_on: str, *, channel: str = "in_person",
    headers: dict[str, str] = CM,
) -> httpx.Response:
    return await client.post(f"/employer-decision-notices/{notice_id}/delivery",
                             json={"channel": channel, "delivered_on": delivered_on}, headers=headers)


async def test_an_assessment_issues_one_notice_with_the_rule_the_amounts_and_the_appeal_rights(
    client: httpx.AsyncClient, assessed: dict[str, Any]
) -> None:
    repeat = await client.post(
        f"/employers/{assessed['id']}/assessments", json={"contribution_month": "2025-04"}, headers=CM
    )
    [before] = await notices_of(client, assessed["id"])
    response = await pdf_of(client, before["id"])
    [notice] = await notices_of(client, assessed["id"])
    again = await pdf_of(client, notice["id"])

    assert repeat.status_code == 200  # the same assessment, no second notice
    assert (notice["kind"], notice["decision_ref"], notice["appeal_rights_included"]) == (
        "contribution_assessed", assessed["assessment"]["id"], True)
    assert (notice["delivery"], notice["appeal_deadline"], notice["litigation_deadline"]) == (None, None, None)
    # The assessment committed the notice's text; its PDF is made at the first download, once.
    assert before["sha256"] is None and again.content == response.content
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert hashlib.sha256(response.content).hexdigest() == notice["sha256"]
    text = pdf_text(response.content)
    assert APPEAL_SENTENCE in text
    assert "长沙市失业保险经办机构" in text and "失业保险费核定决定书" in text and "长沙某科技有限公司" in text
    assert "2025年4月" in text and "¥300.00×110%" in text and "¥330.00" in text
    assert "¥220.00" in text and "¥110.00" in text and "自2025年5月16日起按日加收0.05%的滞纳金" in text
    assert "R-DECL-1" in text and "第六十二条" in text and "第八十六条" in text


async def test_a_settlement_issues_its_notice_with_the_late_fees_charged_and_accrued(
    client: httpx.AsyncClient, assessed: dict[str, Any]
) -> None:
    # 100.00 paid 5 days late: 0.25 charged (R-LATE-1, 0.05% a day).
    await f.pay(client, assessed["id"], amount="100.00", paid_on="2025-05-20", contribution_month="2025-04")
    body = {"contribution_month": "2025-04",
            "lines": [{"employment_id": str(assessed["employment_id"]), "base": "12000.00"}]}
    settled = await client.post(f"/employers/{assessed['id']}/settlements", json=body, headers=CM)
    again = await client.post(f"/employers/{assessed['id']}/settlements", json=body, headers=CM)

    assert (settled.status_code, again.status_code) == (201, 200)
    notices = await notices_of(client, assessed["id"])
    assert [(n["kind"], n["decision_ref"]) for n in notices] == [
        ("contribution_assessed", assessed["assessment"]["id"]), ("contribution_settled", settled.json()["id"])]
    text = pdf_text((await pdf_of(client, notices[1]["id"])).content)
    assert "失业保险费结算及加收滞纳金决定书" in text and APPEAL_SENTENCE in text
    # 12,000.00 → 360.00, 100.00 paid, 260.00 owed; 260.00 × 0.05% × 30 days = 3.90 accrued.
    assert "原核定数额¥330.00按照实际申报结算为¥360.00，已缴¥100.00，尚欠¥260.00" in text
    assert "¥0.25" in text and "计至2025年6月14日，30天）¥3.90" in text and "截至2025年6月14日共计¥4.15" in text
    assert "尚欠部分自次日起继续按日加收滞纳金" in text


async def test_a_fine_issues_its_notice_with_the_arrears_it_multiplies(
    client: httpx.AsyncClient, assessed: dict[str, Any]
) -> None:
    fine = {"decision_reference": "湘人社罚〔2025〕7号", "decided_on": "2025-06-01", "amount": "900.00",
            "reason": "逾期仍不缴纳失业保险费"}
    recorded = await client.post(f"/employers/{assessed['id']}/fines", json=fine, headers=CM)
    repeated = await client.post(f"/employers/{assessed['id']}/fines", json=fine, headers=CM)

    assert (recorded.status_code, repeated.status_code) == (201, 200)
    [_, notice] = await notices_of(client, assessed["id"])
    assert (notice["kind"], notice["decision_ref"]) == ("contribution_fine", recorded.json()["id"])
    text = pdf_text((await pdf_of(client, notice["id"])).content)
    assert "失业保险费罚款决定书" in text and APPEAL_SENTENCE in text and "湘人社罚〔2025〕7号" in text
    # March 300.00 and April 330.00 unpaid on 2025-06-01.
    assert "仍欠缴失业保险费¥630.00" in text and "罚款金额¥900.00" in text and "第八十六条" in text


async def test_the_assessment_run_issues_a_notice_for_each_month_it_assesses(
    client: httpx.AsyncClient, conn: asyncpg.Connection, clock: TestClock
) -> None:
    clock.at = TODAY
    area = f.district()
    await f.policies(conn, area)
    employers = [await f.employer(conn, area) for _ in range(2)]
    for employer in employers:
        employment_id = await f.employment(conn, employer["id"])
        await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    run = {"contribution_month": "2025-04", "district": area}

    first = await client.post("/contribution-assessment-runs", json=run, headers=auth("operations"))
    second = await client.post("/contribution-assessment-runs", json=run, headers=auth("operations"))

    assert len(first.json()["assessed"]) == 2 and second.json()["assessed"] == []
    for assessed in first.json()["assessed"]:
        [notice] = await notices_of(client, assessed["employer_id"])
        assert (notice["kind"], notice["decision_ref"]) == ("contribution_assessed", assessed["declaration_id"])


async def test_delivery_starts_the_appeal_clock_once(client: httpx.AsyncClient, assessed: dict[str, Any]) -> None:
    [notice] = await notices_of(client, assessed["id"])
    desk = auth("service_point", assessed["district"])

    future = await deliver(client, notice["id"], "2025-06-15", headers=desk)
    early = await deliver(client, notice["id"], "2025-06-13", headers=desk)
    delivered = await deliver(client, notice["id"], "2025-06-14", channel="post", headers=desk)
    same = await deliver(client, notice["id"], "2025-06-14", channel="post", headers=desk)
    other = await deliver(client, notice["id"], "2025-06-14", channel="online", headers=desk)

    assert (future.status_code, future.json()["code"]) == (422, "delivered_in_future")
    assert (early.status_code, early.json()["code"]) == (422, "delivered_before_issue")
    assert delivered.status_code == 201, delivered.text
    body = delivered.json()
    assert (body["delivery"]["channel"], body["delivery"]["delivered_on"]) == ("post", "2025-06-14")
    # R-APPEAL-1: 60 days for 行政复议, 6 months for 行政诉讼, from the delivery.
    assert (body["appeal_deadline"], body["litigation_deadline"]) == ("2025-08-13", "2025-12-14")
    assert (same.status_code, same.json()) == (200, body)
    assert (other.status_code, other.json()["code"]) == (409, "notice_already_delivered")
    assert (await notices_of(client, assessed["id"]))[0]["delivery"] == body["delivery"]


async def test_another_districts_service_point_finds_no_notice(
    client: httpx.AsyncClient, assessed: dict[str, Any]
) -> None:
    [notice] = await notices_of(client, assessed["id"])
    elsewhere = auth("service_point", "110101" if assessed["district"] != "110101" else "110102")

    listed = await client.get(f"/employers/{assessed['id']}/decision-notices", headers=elsewhere)
    pdf = await pdf_of(client, notice["id"], headers=elsewhere)
    delivered = await deliver(client, notice["id"], "2025-06-14", headers=elsewhere)
    missing = await pdf_of(client, str(uuid.uuid4()))

    assert (listed.status_code, listed.json()["code"]) == (404, "employer_not_found")
    assert (pdf.status_code, pdf.json()["code"]) == (404, "employer_decision_notice_not_found")
    assert (delivered.status_code, delivered.json()["code"]) == (404, "employer_decision_notice_not_found")
    assert (missing.status_code, missing.json()["code"]) == (404, "employer_decision_notice_not_found")
    own = await pdf_of(client, notice["id"], headers=auth("service_point", assessed["district"]))
    assert own.status_code == 200


async def test_finance_may_read_and_download_but_not_deliver(
    client: httpx.AsyncClient, assessed: dict[str, Any]
) -> None:
    finance = auth("finance")
    [notice] = await notices_of(client, assessed["id"], headers=finance)

    assert (await pdf_of(client, notice["id"], headers=finance)).status_code == 200
    assert (await deliver(client, notice["id"], "2025-06-14", headers=finance)).status_code == 403


async def test_the_database_refuses_to_change_or_remove_a_notice_or_its_delivery(
    client: httpx.AsyncClient, conn: asyncpg.Connection, assessed: dict[str, Any]
) -> None:
    [notice] = await notices_of(client, assessed["id"])
    assert (await pdf_of(client, notice["id"])).status_code == 200  # the PDF is made and stored
    assert (await deliver(client, notice["id"], "2025-06-14")).status_code == 201
    notice_id = uuid.UUID(notice["id"])

    for statement in (
        "UPDATE employer_decision_notices SET pdf = 'x'::bytea, sha256 = encode(sha256('x'::bytea), 'hex')"
        " WHERE id = $1",
        "UPDATE employer_decision_notices SET html = '<p>另一份</p>' WHERE id = $1",
        "DELETE FROM employer_decision_notices WHERE id = $1",
        "UPDATE employer_notice_deliveries SET delivered_on = delivered_on - 1 WHERE notice_id = $1",
        "DELETE FROM employer_notice_deliveries WHERE notice_id = $1",
    ):
        with pytest.raises(asyncpg.IntegrityConstraintViolationError, match="immutable"):
            async with conn.transaction():
                await conn.execute(statement, notice_id)
    with pytest.raises(asyncpg.CheckViolationError):  # the hash is the PDF's, or no row
        async with conn.transaction():
            await conn.execute(
                "INSERT INTO employer_decision_notices (id, employer_id, kind, decision_ref, issued_by, html, pdf,"
                " sha256, appeal_rights_included) VALUES (gen_random_uuid(), $1, 'contribution_fine', 'x', 't',"
                " '<p/>', 'a'::bytea, $2, true)",
                assessed["id"], "0" * 64,
            )
