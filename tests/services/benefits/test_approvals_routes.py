"""Four-eyes control (R-CTRL-1) of the benefits decisions, through the API: each listed decision
is prepared (202, nothing else changes), refused to the same person and to the wrong role, carried
out by a second person with the kind's role, and decided once; a province's policy row without a
kind makes that decision one step again."""

from __future__ import annotations

import asyncpg
import httpx
import pytest

from tests.factories import auth
from tests.four_eyes import SECOND, approve, second_auth
from tests.services.benefits.factories import (
    computed_claim,
    evidence,
    open_claim,
    pay_months,
    prepare_decision,
    set_account,
)
from tests.services.benefits.test_overpayments_routes import stopped_mid_month_2

MANAGER, FINANCE = auth("case_manager"), auth("finance")
STOP = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-9"}


def assert_prepared(response: httpx.Response, kind: str, subject_id: str) -> dict:
    assert response.status_code == 202, response.text
    body = response.json()
    assert (body["kind"], body["subject_id"], body["status"]) == (kind, subject_id, "prepared")
    assert body["prepared_by"] and body["prepared_at"] and body["decided_by"] is None
    return body


async def assert_same_person_refused(client: httpx.AsyncClient, approval: dict, role: str = "case_manager") -> None:
    """R-CTRL-1: the preparer cannot approve their own decision (a stable code, Chinese words)."""
    refused = await approve(client, approval["id"], role=role, subject=approval["prepared_by"])
    assert refused.status_code == 403
    assert refused.json()["code"] == "four_eyes_same_person" and "同一人" in refused.json()["message"]
    still = await client.get(f"/approvals/{approval['id']}", headers=MANAGER)
    assert still.json()["status"] == "prepared"


async def test_a_claim_approval_waits_for_a_second_case_manager(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client, evidence=evidence(36))
    approval = assert_prepared(await prepare_decision(client, claim["id"]), "claim_approval", claim["id"])
    # Nothing else changed: the claim is still pending, and it is on the worklist.
    assert (await client.get(f"/claims/{claim['id']}", headers=MANAGER)).json()["status"] == "pending_review"
    listed = await client.get("/approvals?status=prepared&kind=claim_approval", headers=second_auth())
    assert approval["id"] in [a["id"] for a in listed.json()]
    await assert_same_person_refused(client, approval)

    wrong = await approve(client, approval["id"], role="finance")
    assert (wrong.status_code, wrong.json()["code"]) == (403, "four_eyes_wrong_role")
    approved = await approve(client, approval["id"], reason="证据齐全")
    assert approved.status_code == 200, approved.text
    body = approved.json()
    # Both names and times; the preparer stays the decision's author.
    assert (body["status"], body["prepared_by"], body["decided_by"]) == ("approved", "test-case_manager", SECOND)
    assert body["decided_at"] and body["decision_reason"] == "证据齐全"
    assert (body["result"]["status"], body["result"]["decided_by"]) == ("approved", "test-case_manager")
    assert (await client.get(f"/claims/{claim['id']}", headers=MANAGER)).json()["status"] == "approved"

    again = await approve(client, approval["id"], subject="test-third")
    assert (again.status_code, again.json()["code"]) == (409, "approval_already_decided")


async def test_a_rejection_is_one_step_and_a_rejected_approval_changes_nothing(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client, evidence=evidence(36))
    approval = assert_prepared(await prepare_decision(client, claim["id"]), "claim_approval", claim["id"])
    no_reason = await client.post(f"/approvals/{approval['id']}/reject", json={}, headers=second_auth())
    assert no_reason.status_code == 422
    rejected = await client.post(
        f"/approvals/{approval['id']}/reject", json={"reason": "缴费证据待核实"}, headers=second_auth()
    )
    assert (rejected.status_code, rejected.json()["status"]) == (200, "rejected")
    assert (await client.get(f"/claims/{claim['id']}", headers=MANAGER)).json()["status"] == "pending_review"

    # R-CTRL-1 lists approvals only: a rejection of the claim is decided at once.
    decided = await client.post(
        f"/claims/{claim['id']}/decision", json={"approved": False, "reason": "不符合条件"}, headers=MANAGER
    )
    assert (decided.status_code, decided.json()["status"]) == (200, "rejected")


async def test_one_open_approval_per_subject_and_the_preparer_may_withdraw(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client, evidence=evidence(36))
    first = assert_prepared(await prepare_decision(client, claim["id"]), "claim_approval", claim["id"])
    repeated = await prepare_decision(client, claim["id"])
    assert (repeated.status_code, repeated.json()["id"]) == (202, first["id"])
    other = await client.post(
        f"/claims/{claim['id']}/decision", json={"approved": True, "reason": "另一理由"}, headers=second_auth()
    )
    assert (other.status_code, other.json()["code"]) == (409, "approval_pending")
    not_mine = await client.post(f"/approvals/{first['id']}/withdraw", headers=second_auth())
    assert (not_mine.status_code, not_mine.json()["code"]) == (403, "approval_not_preparer")
    withdrawn = await client.post(f"/approvals/{first['id']}/withdraw", headers=MANAGER)
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert_prepared(await prepare_decision(client, claim["id"]), "claim_approval", claim["id"])


async def test_a_case_managers_stop_waits_for_a_second_one_and_the_journeys_does_not(
    client: httpx.AsyncClient,
) -> None:
    claim = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    response = await client.post(f"/claims/{claim['id']}/stop", json=STOP, headers=MANAGER)
    approval = assert_prepared(response, "claim_stop", claim["id"])
    assert (await client.get(f"/claims/{claim['id']}", headers=MANAGER)).json()["status"] == "approved"
    await assert_same_person_refused(client, approval)
    approved = await approve(client, approval["id"])
    assert approved.status_code == 200, approved.text
    assert (approved.json()["result"]["status"], approved.json()["result"]["stopped_by"]) == ("stopped", "test-case_manager")

    # R-CTRL-1: the journey's stop (SYSTEM) is the consequence of a recorded fact: one step.
    other = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    system = await client.post(f"/claims/{other['id']}/stop", json=STOP, headers=auth("system"))
    assert (system.status_code, system.json()["status"]) == (200, "stopped")


async def test_an_overpayment_decision_waits_for_a_second_case_manager(client: httpx.AsyncClient) -> None:
    claim, _ = await stopped_mid_month_2(client)
    overpayment = (await client.get(f"/claims/{claim['id']}/overpayments", headers=MANAGER)).json()[0]
    path = f"/claims/{claim['id']}/overpayments/{overpayment['id']}/decision"
    body = {"outcome": "recover", "note": "骗取待遇", "fraud_fine_amount": str(2 * float(overpayment["amount"]))}
    approval = assert_prepared(await client.post(path, json=body, headers=MANAGER), "overpayment_decision", overpayment["id"])
    listed = (await client.get(f"/claims/{claim['id']}/overpayments", headers=MANAGER)).json()
    assert {o["id"]: o["recovery_status"] for o in listed}[overpayment["id"]] == "proposed"
    await assert_same_person_refused(client, approval)
    approved = await approve(client, approval["id"])
    assert approved.status_code == 200, approved.text
    assert approved.json()["result"]["recovery_status"] == "to_recover"


async def test_a_bank_account_change_waits_for_a_case_manager_and_is_masked(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client)
    # The first account replaces nothing: one step (its first payment is held, R-HOLD-1).
    assert (await set_account(client, claim["id"])).status_code == 201
    changed = await set_account(client, claim["id"], account_number="6222029999999999999", account_name="张三丰")
    approval = assert_prepared(changed, "bank_account_change", f"{claim['id']}:claimant")
    assert "6222029999999999999" not in changed.text and "张三丰" not in changed.text
    assert approval["payload"]["account"]["account_number_masked"] == "6222***********9999"
    # A service point cannot check it at all; a case manager who prepared one cannot check their own.
    wrong = await client.post(f"/approvals/{approval['id']}/approve", json={}, headers=auth("service_point", "430102"))
    assert wrong.status_code == 403
    assert (await client.post(f"/approvals/{approval['id']}/withdraw", headers=auth("service_point", "430102"))).status_code == 200
    by_manager = await client.post(
        f"/claims/{claim['id']}/bank-accounts",
        json={"bank_code": "ICBC", "account_number": "6222029999999999999", "account_name": "张三丰"},
        headers=MANAGER,
    )
    approval = assert_prepared(by_manager, "bank_account_change", f"{claim['id']}:claimant")
    await assert_same_person_refused(client, approval)
    accounts = (await client.get(f"/claims/{claim['id']}/bank-accounts", headers=MANAGER)).json()
    assert [a["account_number_masked"] for a in accounts if a["superseded_at"] is None] == ["6222***********0123"]
    approved = await approve(client, approval["id"])
    assert approved.status_code == 200, approved.text
    assert approved.json()["result"]["account_number_masked"] == "6222***********9999"
    assert approved.json()["result"]["created_by"] == "test-case_manager"


async def test_a_payroll_release_waits_for_a_second_finance_officer(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    await set_account(client, claim["id"])
    await pay_months(client, claim["id"], 1)
    run = (await client.post("/payroll-runs", json={"period": "2025-02", "city": "430100"}, headers=FINANCE)).json()
    unreleased = await client.get(f"/payroll-runs/{run['id']}/bank-file", headers=FINANCE)
    assert (unreleased.status_code, unreleased.json()["code"]) == (409, "payroll_run_not_released")
    approval = assert_prepared(
        await client.post(f"/payroll-runs/{run['id']}/release", headers=FINANCE), "payroll_release", str(run["id"])
    )
    await assert_same_person_refused(client, approval, role="finance")
    wrong = await approve(client, approval["id"], role="case_manager")
    assert (wrong.status_code, wrong.json()["code"]) == (403, "four_eyes_wrong_role")
    approved = await approve(client, approval["id"], role="finance")
    assert approved.status_code == 200, approved.text
    assert approved.json()["result"]["released_by"] == "test-finance"
    assert (await client.get(f"/payroll-runs/{run['id']}/bank-file", headers=FINANCE)).status_code == 200
    again = await client.post(f"/payroll-runs/{run['id']}/release", headers=FINANCE)
    assert again.status_code == 200


async def add_policy(client: httpx.AsyncClient, decisions: list[str], area_code: str = "430000") -> httpx.Response:
    body = {"area_code": area_code, "effective_from": "2020-01-01", "decisions": decisions, "source": "测试: 内控规程"}
    return await client.post("/policy/four-eyes", json=body, headers=auth("operations"))


async def test_a_policy_row_without_a_kind_makes_it_one_step(client: httpx.AsyncClient) -> None:
    created = await add_policy(client, ["claim_stop", "payroll_release"])
    assert created.status_code == 201, created.text
    assert created.json()["decisions"] == ["claim_stop", "payroll_release"]
    assert (await add_policy(client, ["payroll_release", "claim_stop"])).status_code == 200
    assert (await add_policy(client, ["claim_stop"])).json()["code"] == "policy_exists"
    listed = await client.get("/policy/four-eyes?area_code=430000", headers=MANAGER)
    assert [p["decisions"] for p in listed.json()] == [["claim_stop", "payroll_release"]]

    claim = await open_claim(client, evidence=evidence(36))
    decided = await prepare_decision(client, claim["id"])
    assert (decided.status_code, decided.json()["status"]) == (200, "approved")
    # The kinds the row names are still checked.
    stop = await client.post(f"/claims/{claim['id']}/stop", json={**STOP, "effective_date": claim["registration_date"]}, headers=MANAGER)
    assert stop.status_code == 202


@pytest.mark.parametrize("body", [
    {"area_code": "430100", "decisions": []},
    {"area_code": "430000", "decisions": ["claim_rejection"]},
])
async def test_a_policy_row_is_per_province_and_names_known_kinds(client: httpx.AsyncClient, body: dict) -> None:
    response = await client.post(
        "/policy/four-eyes", json={**body, "effective_from": "2020-01-01", "source": "测试"}, headers=auth("operations")
    )
    assert response.status_code == 422
    assert (await client.post("/policy/four-eyes", json={**body, "area_code": "430000", "decisions": [],
                                                           "effective_from": "2020-01-01", "source": "测试"},
                              headers=MANAGER)).status_code == 403


async def test_the_worklist_is_district_scoped_and_not_mine_leaves_out_my_own(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client, evidence=evidence(36))
    approval = assert_prepared(await prepare_decision(client, claim["id"]), "claim_approval", claim["id"])
    mine = await client.get("/approvals?status=prepared&not_mine=true", headers=MANAGER)
    assert approval["id"] not in [a["id"] for a in mine.json()]
    elsewhere = await client.get("/approvals?status=prepared", headers=auth("service_point", "430103"))
    assert approval["id"] not in [a["id"] for a in elsewhere.json()]
    hidden = await client.get(f"/approvals/{approval['id']}", headers=auth("service_point", "430103"))
    assert (hidden.status_code, hidden.json()["code"]) == (404, "approval_not_found")


async def test_the_database_lets_an_approval_change_only_once(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    claim = await open_claim(client, evidence=evidence(36))
    approval = assert_prepared(await prepare_decision(client, claim["id"]), "claim_approval", claim["id"])
    assert (await approve(client, approval["id"])).status_code == 200
    for statement in (
        "UPDATE decision_approvals SET status = 'rejected' WHERE id = $1",
        "UPDATE decision_approvals SET decided_by = 'someone' WHERE id = $1",
        "DELETE FROM decision_approvals WHERE id = $1",
    ):
        with pytest.raises(asyncpg.IntegrityConstraintViolationError):
            async with conn.transaction():
                await conn.execute(statement, approval["id"])
