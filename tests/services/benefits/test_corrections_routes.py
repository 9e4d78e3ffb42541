"""自行纠错 (R-CORR-1) through the public API: a case manager prepares the correction with a reason,
a second case manager approves it (R-CTRL-1, always); every month already paid is recomputed
(benefit and medical premium, R-MED-1), an underpayment is paid once (补发) on the payroll path,
an overpayment is proposed for a human to decide (R-FRAUD-1), the written decision gives the
figures and the appeal rights (R-NOTICE-1), and the journey is told (outbox)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from tests.clock import TestClock
from tests.factories import auth
from tests.four_eyes import approve, second_auth
from tests.services.benefits.factories import computed_claim, pay_months, set_account
from tests.services.benefits.test_decision_notices_routes import APPEAL_SENTENCE, pdf_text
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds

CM, FINANCE = auth("case_manager"), auth("finance")


async def record_premium(client: httpx.AsyncClient, claim_id: str, month: int) -> dict[str, Any]:
    response = await client.post(
        f"/claims/{claim_id}/payments", json={"benefit_month": month, "kind": "medical_premium"}, headers=auth("system")
    )
    assert response.status_code == 201, response.text
    return response.json()


async def paid_claim(client: httpx.AsyncClient, months: int = 3) -> dict[str, Any]:
    """Benefit months 1 = 2025-01-10…02-09, 2 = 02-10…03-09, 3 = 03-10…04-09, each with its premium,
    all disbursed or transferred by the March run (money that left the fund)."""
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(client, claim["id"])).status_code == 201
    await pay_months(client, claim["id"], *range(1, months + 1))
    for month in range(1, months + 1):
        await record_premium(client, claim["id"], month)
    response = await run_releasing_holds(client, "2025-03")
    assert response.status_code == 201, response.text
    return claim


async def prepare(client: httpx.AsyncClient, claim_id: str, **body: Any) -> httpx.Response:
    body.setdefault("reason", "原决定适用的金额标准有误")
    return await client.post(f"/claims/{claim_id}/corrections", json=body, headers=CM)


async def corrected(client: httpx.AsyncClient, claim_id: str, **body: Any) -> dict[str, Any]:
    """Prepared by the case manager, approved by a second one: the correction as carried out."""
    prepared = await prepare(client, claim_id, **body)
    assert prepared.status_code == 202, prepared.text
    assert prepared.json()["status"] == "prepared" and prepared.json()["kind"] == "decision_correction"
    approved = await approve(client, prepared.json()["id"])
    assert approved.status_code == 200, approved.text
    return approved.json()["result"]


async def payments_of(client: httpx.AsyncClient, claim_id: str) -> list[dict[str, Any]]:
    response = await client.get(f"/claims/{claim_id}/payments", headers=FINANCE)
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_underpayment_is_paid_once_as_arrears_on_the_payroll_path(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    claim = await paid_claim(client)
    old = Decimal(claim["monthly_amount"])
    new = old + Decimal("150.00")
    before = await client.get(f"/claims/{claim['id']}/corrections", headers=CM)
    assert before.json() == []

    result = await corrected(client, claim["id"], monthly_amount=str(new))

    benefit = [m for m in result["months"] if m["kind"] == "benefit"]
    assert [(m["benefit_month"], Decimal(m["paid"]), Decimal(m["due"]), Decimal(m["difference"])) for m in benefit] == [
        (month, old, new, Decimal("150.00")) for month in (1, 2, 3)
    ]
    assert Decimal(result["underpaid_amount"]) == Decimal("450.00") and Decimal(result["overpaid_amount"]) == 0
    # Nothing overwritten silently: the original decision's terms are on the correction.
    assert (Decimal(result["original_monthly_amount"]), result["original_entitlement_months"]) == (
        old, claim["entitlement_months"]
    )
    # R-CTRL-1: both names, on the correction as listed (the approval's record).
    [listed] = (await client.get(f"/claims/{claim['id']}/corrections", headers=CM)).json()
    assert (listed["prepared_by"], listed["decided_by"], listed["approval_status"]) == (
        "test-case_manager", "test-reviewer", "approved"
    )
    arrears = [p for p in await payments_of(client, claim["id"]) if p["kind"] == "arrears"]
    assert [(p["id"], Decimal(p["amount"]), p["status"]) for p in arrears] == [
        (result["arrears_payment_id"], Decimal("450.00"), "payable")
    ]
    claim_now = (await client.get(f"/claims/{claim['id']}", headers=CM)).json()
    assert Decimal(claim_now["monthly_amount"]) == new

    # Due from the approval's day: the current period's run pays it (R-HOLD-1: the account the
    # months were paid to, so not held); a second run pays nothing twice.
    period = f"{clock.today():%Y-%m}"
    run = await run_releasing_holds(client, period)
    assert run.status_code == 201, run.text
    again = await client.post("/payroll-runs", json={"period": period, "city": "430100"}, headers=FINANCE)
    assert again.status_code == 201 and again.json()["item_count"] == 0
    arrears = [p for p in await payments_of(client, claim["id"]) if p["kind"] == "arrears"]
    assert [(Decimal(p["amount"]), p["status"]) for p in arrears] == [(Decimal("450.00"), "disbursed")]


async def test_repeating_the_approval_or_the_request_changes_nothing(client: httpx.AsyncClient) -> None:
    claim = await paid_claim(client, months=2)
    body = {"monthly_amount": str(Decimal(claim["monthly_amount"]) + 100)}
    prepared = await prepare(client, claim["id"], **body)
    assert prepared.status_code == 202, prepared.text
    # The same person sending the same request again finds the same prepared correction.
    repeated = await prepare(client, claim["id"], **body)
    assert repeated.status_code == 202 and repeated.json()["id"] == prepared.json()["id"]
    assert (await approve(client, prepared.json()["id"])).status_code == 200

    twice = await approve(client, prepared.json()["id"])
    assert twice.status_code == 409 and twice.json()["code"] == "approval_already_decided"
    after = await prepare(client, claim["id"], **body)
    assert after.status_code == 409 and after.json()["code"] == "correction_changes_nothing"
    arrears = [p for p in await payments_of(client, claim["id"]) if p["kind"] == "arrears"]
    assert [Decimal(p["amount"]) for p in arrears] == [Decimal("200.00")]
    listed = (await client.get(f"/claims/{claim['id']}/corrections", headers=CM)).json()
    assert [c["approval_status"] for c in listed] == ["approved"]


async def test_an_overpayment_is_proposed_not_decided_months_and_premiums_recomputed(
    client: httpx.AsyncClient,
) -> None:
    claim = await paid_claim(client)
    payments = {(p["benefit_month"], p["kind"]): p for p in await payments_of(client, claim["id"])}

    result = await corrected(client, claim["id"], entitlement_months=1, reason="缴费年限核定有误, 应为 1 个月")

    by_key = {(m["benefit_month"], m["kind"]): m for m in result["months"]}
    assert set(by_key) == {(m, k) for m in (1, 2, 3) for k in ("benefit", "medical_premium")}
    assert Decimal(by_key[1, "benefit"]["difference"]) == 0 and Decimal(by_key[1, "medical_premium"]["difference"]) == 0
    for month in (2, 3):
        for kind in ("benefit", "medical_premium"):
            assert Decimal(by_key[month, kind]["due"]) == 0
            assert Decimal(by_key[month, kind]["difference"]) == -Decimal(payments[month, kind]["amount"])
    overpayments = (await client.get(f"/claims/{claim['id']}/overpayments", headers=CM)).json()
    assert {(o["benefit_month"], o["kind"]) for o in overpayments} == {
        (m, k) for m in (2, 3) for k in ("benefit", "medical_premium")
    }
    # R-FRAUD-1: proposed only; a case manager decides (no recovery notice yet).
    assert {o["recovery_status"] for o in overpayments} == {"proposed"}
    assert all("R-CORR-1" in o["rule"] for o in overpayments)
    assert Decimal(result["overpaid_amount"]) == sum(Decimal(o["amount"]) for o in overpayments)
    assert Decimal(result["underpaid_amount"]) == 0 and result["arrears_payment_id"] is None
    kinds = [n["kind"] for n in (await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM)).json()]
    assert "overpayment_recovery" not in kinds and kinds.count("decision_corrected") == 1


async def test_a_moved_start_recomputes_each_period_and_an_unpaid_instruction_is_cut_not_recovered(
    client: httpx.AsyncClient,
) -> None:
    """Months counted from a later start: month 3 (issued, not yet in a run) now starts after the
    stop-free period still, so only the amount matters; a smaller amount cuts the instruction in
    the fund instead of proposing an overpayment."""
    claim = await paid_claim(client, months=2)
    await pay_months(client, claim["id"], 3)  # 2025-03-10: not due in the March run, still payable
    lower = Decimal(claim["monthly_amount"]) - Decimal("100.00")

    result = await corrected(client, claim["id"], monthly_amount=str(lower), benefit_start_date="2025-01-15")

    starts = {m["benefit_month"]: m["period_start"] for m in result["months"] if m["kind"] == "benefit"}
    assert starts == {1: "2025-01-15", 2: "2025-02-15", 3: "2025-03-15"}
    listed = {(p["benefit_month"], p["kind"]): p for p in await payments_of(client, claim["id"])}
    assert (Decimal(listed[3, "benefit"]["amount"]), Decimal(listed[3, "benefit"]["original_amount"])) == (
        lower, lower + 100
    )
    assert "R-CORR-1" in listed[3, "benefit"]["adjusted_reason"]
    overpaid = {o["benefit_month"] for o in (await client.get(f"/claims/{claim['id']}/overpayments", headers=CM)).json()}
    assert overpaid == {1, 2}


async def test_the_same_person_cannot_approve_and_a_service_point_cannot_prepare(client: httpx.AsyncClient) -> None:
    claim = await paid_claim(client, months=1)
    prepared = await prepare(client, claim["id"], entitlement_months=6)
    assert prepared.status_code == 202
    same = await client.post(f"/approvals/{prepared.json()['id']}/approve", json={}, headers=CM)
    assert same.status_code == 403 and same.json()["code"] == "four_eyes_same_person"
    point = await client.post(
        f"/claims/{claim['id']}/corrections", json={"reason": "x", "entitlement_months": 6},
        headers=auth("service_point", "430102"),
    )
    assert point.status_code == 403
    wrong_role = await approve(client, prepared.json()["id"], role="finance", subject="test-finance-2")
    assert wrong_role.status_code == 403
    listed = (await client.get(f"/claims/{claim['id']}/corrections", headers=CM)).json()
    assert [(c["approval_status"], c["applied_at"]) for c in listed] == [("prepared", None)]
    claim_now = (await client.get(f"/claims/{claim['id']}", headers=CM)).json()
    assert claim_now["entitlement_months"] == claim["entitlement_months"]


async def test_a_reason_and_a_term_are_required(client: httpx.AsyncClient) -> None:
    claim = await paid_claim(client, months=1)
    no_reason = await client.post(f"/claims/{claim['id']}/corrections", json={"entitlement_months": 6}, headers=CM)
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    blank = await prepare(client, claim["id"], reason="   ", entitlement_months=6)
    assert blank.status_code == 422 and blank.json()["field"] == "reason"
    no_term = await prepare(client, claim["id"])
    assert no_term.status_code == 422 and no_term.json()["code"] == "correction_terms_required"
    early = await prepare(client, claim["id"], benefit_start_date="2025-01-09")
    assert early.status_code == 422 and early.json()["code"] == "benefit_start_out_of_range"
    same = await prepare(client, claim["id"], entitlement_months=claim["entitlement_months"])
    assert same.status_code == 409 and same.json()["code"] == "correction_changes_nothing"


async def test_the_written_decision_gives_the_months_the_amounts_and_the_appeal_rights(
    client: httpx.AsyncClient,
) -> None:
    claim = await paid_claim(client, months=2)
    old = Decimal(claim["monthly_amount"])
    result = await corrected(client, claim["id"], monthly_amount=str(old + 100), reason="误用了旧的金额标准")

    notices = (await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM)).json()
    [notice] = [n for n in notices if n["kind"] == "decision_corrected"]
    pdf = await client.get(f"/decision-notices/{notice['id']}.pdf", headers=CM)
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert "更正失业保险待遇决定书" in text and "误用了旧的金额标准" in text
    assert f"原发¥{old:,.2f}，应发¥{old + 100:,.2f}，差额+¥100.00" in text
    assert "第1个待遇月" in text and "第2个待遇月" in text
    assert f"少发的¥{Decimal(result['underpaid_amount']):,.2f}一次性补发" in text
    assert "".join(APPEAL_SENTENCE.split()) in text


async def test_the_journey_is_told_of_the_corrected_terms(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    claim = await paid_claim(client, months=1)
    result = await corrected(client, claim["id"], entitlement_months=6)
    row = await conn.fetchrow(
        "SELECT workflow_id, payload FROM outbox WHERE dedupe_key LIKE '%' || $1 || '%'", result["id"]
    )
    assert row is not None and row["workflow_id"] == f"claimant-journey-{claim['registration_id']}"
    assert "decision_corrected" in json.dumps(row["payload"]) and '"entitlement_months": 6' in json.dumps(row["payload"])


async def test_corrections_are_scoped_to_the_district(client: httpx.AsyncClient) -> None:
    claim = await paid_claim(client, months=1)
    await corrected(client, claim["id"], entitlement_months=6)
    own = await client.get(f"/claims/{claim['id']}/corrections", headers=auth("service_point", "430102"))
    assert own.status_code == 200 and len(own.json()) == 1
    other = await client.get(f"/claims/{claim['id']}/corrections", headers=auth("service_point", "430103"))
    assert other.status_code == 404 and other.json()["code"] == "claim_not_found"
    elsewhere = second_auth("case_manager", "test-other")
    assert (await client.get(f"/claims/{claim['id']}/corrections", headers=elsewhere)).status_code == 200


async def test_an_appeals_changed_outcome_recomputes_the_months_once_without_a_second_person(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    """R-APPEAL-1 "changed": the body's decision is carried out through the same recomputation
    (an external decision: no four-eyes), once; its notice gives the figures."""
    claim = await paid_claim(client, months=2)
    today = clock.today().isoformat()
    [approval_notice] = [
        n for n in (await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM)).json()
        if n["kind"] == "claim_approved"
    ]
    delivery = {"channel": "in_person", "delivered_on": today}
    delivered = await client.post(f"/decision-notices/{approval_notice['id']}/delivery", json=delivery, headers=CM)
    assert delivered.status_code == 201, delivered.text
    appeal = await client.post("/appeals", headers=CM, json={
        "notice_id": approval_notice["id"], "kind": "reconsideration", "lodged_on": today, "received_on": today,
        "body": "长沙市人民政府", "case_number": "长政复〔2025〕30号",
    })
    assert appeal.status_code == 201, appeal.text
    new = Decimal(claim["monthly_amount"]) + 50
    body = {"outcome": "changed", "decided_on": today, "reference": "长政复决〔2025〕30号", "received_on": today,
            "changed_terms": {"monthly_amount": str(new)}}

    recorded = await client.post(f"/appeals/{appeal.json()['id']}/outcome", json=body, headers=CM)
    again = await client.post(f"/appeals/{appeal.json()['id']}/outcome", json=body, headers=CM)

    assert recorded.status_code == 200, recorded.text
    assert (again.status_code, again.json()["outcome_recorded_at"]) == (200, recorded.json()["outcome_recorded_at"])
    [correction] = (await client.get(f"/claims/{claim['id']}/corrections", headers=CM)).json()
    assert (correction["source"], correction["approval_id"], Decimal(correction["underpaid_amount"])) == (
        "appeal", None, Decimal("100.00")
    )
    assert "长政复决〔2025〕30号" in correction["reason"]
    arrears = [p for p in await payments_of(client, claim["id"]) if p["kind"] == "arrears"]
    assert [Decimal(p["amount"]) for p in arrears] == [Decimal("100.00")]
    kinds = [n["kind"] for n in (await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM)).json()]
    assert kinds.count("decision_corrected") == 1
