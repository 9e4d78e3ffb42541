"""Appeals against written decisions (R-APPEAL-1, R-NOTICE-1) through the benefits API: recorded
when the agency receives the application copy, its reply due 10 days later, a worklist most urgent
first with escalation, refusal past the lodging window, and each outcome carried out in the
transaction that records it; a service point sees its own district's only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg
import httpx

from contracts.journey import claimant_journey_id
from tests.clock import TestClock
from tests.factories import auth
from tests.four_eyes import approve_as_second
from tests.services.benefits.factories import evidence, open_claim
from tests.services.benefits.test_document_requests_routes import REQUESTED_AT, closure_url
from tests.services.benefits.test_document_requests_routes import requested as documents_requested

CM = auth("case_manager")
SP = auth("service_point", "430102")
# Benefit months from 2025-01-10 (R-START); 36 contribution months → 12 months (R-DUR-1).
DATES = {"registration_date": "2025-01-10", "separation_date": "2025-01-05", "claim_date": "2025-01-10"}
# 10:00 on 1 February 2025 in China: the rejection's date.
DECIDED_AT = dt.datetime(2025, 2, 1, 2, 0, tzinfo=dt.UTC)


async def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


async def rejected_notice(client: httpx.AsyncClient, clock: TestClock, delivered_on: str | None = "2025-02-03") -> dict:
    """An eligible claim the case manager rejected (R-REV-1), its notice delivered."""
    clock.at = DECIDED_AT
    claim = await open_claim(client, **DATES, evidence=evidence(36))
    await ok(await client.post(
        f"/claims/{claim['id']}/decision", json={"approved": False, "reason": "材料不全"}, headers=CM
    ))
    [notice] = await ok(await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM))
    if delivered_on is not None:
        clock.at = dt.datetime.fromisoformat(f"{delivered_on}T02:00:00+00:00")
        body = {"channel": "in_person", "delivered_on": delivered_on}
        await ok(await client.post(f"/decision-notices/{notice['id']}/delivery", json=body, headers=SP), 201)
    return {**notice, "claim": claim}


def appeal_body(notice: dict, **overrides: Any) -> dict[str, Any]:
    body = {
        "notice_id": notice["id"], "kind": "reconsideration", "lodged_on": "2025-02-20", "received_on": "2025-02-24",
        "body": "长沙市人民政府", "case_number": "长政复〔2025〕17号",
    }
    return {**body, **overrides}


async def lodged(client: httpx.AsyncClient, clock: TestClock, notice: dict, **overrides: Any) -> dict[str, Any]:
    body = appeal_body(notice, **overrides)
    clock.at = dt.datetime.fromisoformat(f"{body['received_on']}T03:00:00+00:00")
    return await ok(await client.post("/appeals", json=body, headers=CM), 201)


async def signals(conn: asyncpg.Connection, claim: dict, name: str) -> list[dict]:
    rows = await conn.fetch(
        "SELECT payload FROM outbox WHERE workflow_id = $1 AND payload->>'signal' = $2 ORDER BY id",
        claimant_journey_id(claim["registration_id"]), name,
    )
    return [r["payload"]["arg"] for r in rows]


async def test_an_appeal_is_recorded_once_with_its_reply_due_ten_days_after_receipt(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    notice = await rejected_notice(client, clock)
    appeal = await lodged(client, clock, notice)
    repeat = await client.post("/appeals", json=appeal_body(notice), headers=SP)
    other = await client.post("/appeals", json=appeal_body(notice, lodged_on="2025-02-21"), headers=CM)
    second = await client.post("/appeals", json=appeal_body(notice, case_number="长政复〔2025〕18号"), headers=CM)

    assert (appeal["claim_id"], appeal["person_id"]) == (notice["claim"]["id"], notice["claim"]["person_id"])
    assert (appeal["notice_kind"], appeal["status"], appeal["recorded_by"]) == ("claim_rejected", "open", "test-case_manager")
    # R-APPEAL-1: the reply and evidence within 10 days of receiving the copy (24 Feb → 6 Mar).
    assert (appeal["reply_due_on"], appeal["days_left"], appeal["escalated"]) == ("2025-03-06", 10, False)
    assert (repeat.status_code, repeat.json()["id"]) == (200, appeal["id"])
    assert (other.status_code, other.json()["code"]) == (409, "appeal_case_exists")
    assert (second.status_code, second.json()["code"]) == (409, "appeal_already_open")
    [told] = await signals(conn, notice["claim"], "appeal_lodged")
    assert (told["appeal_id"], told["notice_kind"], told["kind"], told["lodged_on"]) == (
        appeal["id"], "claim_rejected", "reconsideration", "2025-02-20"
    )


async def test_the_rejections_delivery_tells_the_journey_and_an_approvals_does_not(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    notice = await rejected_notice(client, clock)
    [told] = await signals(conn, notice["claim"], "rejection_delivered")

    assert told == {
        "claim_id": notice["claim"]["id"], "notice_id": notice["id"], "delivered_on": "2025-02-03",
        "appeal_rights_included": True, "notice_kind": "claim_rejected",
    }


async def test_dates_that_cannot_be_are_refused(client: httpx.AsyncClient, clock: TestClock) -> None:
    notice = await rejected_notice(client, clock)
    clock.at = dt.datetime(2025, 2, 24, 3, tzinfo=dt.UTC)

    future = await client.post("/appeals", json=appeal_body(notice, received_on="2025-02-25"), headers=CM)
    crossed = await client.post("/appeals", json=appeal_body(notice, lodged_on="2025-02-24", received_on="2025-02-23"), headers=CM)
    early = await client.post("/appeals", json=appeal_body(notice, lodged_on="2025-01-31"), headers=CM)

    assert (future.status_code, future.json()["code"]) == (422, "received_in_future")
    assert (crossed.status_code, crossed.json()["code"]) == (422, "lodged_after_received")
    assert (early.status_code, early.json()["code"]) == (422, "lodged_before_decision")


async def test_an_appeal_past_its_window_is_refused(client: httpx.AsyncClient, clock: TestClock) -> None:
    notice = await rejected_notice(client, clock, delivered_on="2025-02-03")
    clock.at = dt.datetime(2025, 4, 8, 3, tzinfo=dt.UTC)
    # R-APPEAL-1: 复议 within 60 days of delivery (last day 4 April), 诉讼 within 6 months.
    last_day = await client.post("/appeals", json=appeal_body(
        notice, lodged_on="2025-04-04", received_on="2025-04-08", case_number="A-1"), headers=CM)
    await ok(await client.post(f"/appeals/{last_day.json()['id']}/outcome", json={
        "outcome": "upheld", "decided_on": "2025-04-08", "reference": "长政复决〔2025〕1号", "received_on": "2025-04-08",
    }, headers=CM))
    late = await client.post("/appeals", json=appeal_body(
        notice, lodged_on="2025-04-05", received_on="2025-04-08", case_number="A-2"), headers=CM)
    suit = await client.post("/appeals", json=appeal_body(
        notice, kind="litigation", lodged_on="2025-04-05", received_on="2025-04-08", body="芙蓉区人民法院",
        case_number="(2025)湘0102行初5号"), headers=CM)

    assert last_day.status_code == 201, last_day.text
    assert (late.status_code, late.json()["code"], late.json()["field"]) == (409, "appeal_window_passed", "lodged_on")
    assert "2025-04-04" in late.json()["message"] and "行政复议" in late.json()["message"]
    assert suit.status_code == 201, suit.text


async def test_without_a_delivery_or_without_the_rights_the_window_is_one_year(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    undelivered = await rejected_notice(client, clock, delivered_on=None)
    clock.at = dt.datetime(2026, 2, 3, 3, tzinfo=dt.UTC)
    # R-NOTICE-1: no delivery on record: one year from the decision (1 February 2025).
    in_time = await client.post("/appeals", json=appeal_body(
        undelivered, lodged_on="2026-02-01", received_on="2026-02-02", case_number="B-1"), headers=CM)
    # A notice that omitted the rights (issued elsewhere, before the templates stated them).
    no_rights = await conn.fetchval(
        "INSERT INTO decision_notices (id, claim_id, kind, decision_ref, issued_by, html, appeal_rights_included,"
        " issued_at) VALUES (gen_random_uuid(), $1, 'claim_rejected', 'legacy-1', 't', '<p>旧决定书</p>', false,"
        " '2025-02-01T02:00Z') RETURNING id::text", undelivered["claim"]["id"],
    )
    await conn.execute(
        "INSERT INTO notice_deliveries (notice_id, channel, delivered_on, recorded_by) VALUES ($1, 'post', '2025-02-05', 't')",
        no_rights,
    )
    lacked = {"id": no_rights}
    within_year = await client.post("/appeals", json=appeal_body(
        lacked, lodged_on="2026-02-03", received_on="2026-02-03", case_number="B-2"), headers=CM)
    past_year = await client.post("/appeals", json=appeal_body(
        undelivered, lodged_on="2026-02-02", received_on="2026-02-02", case_number="B-3"), headers=CM)

    assert in_time.status_code == 201, in_time.text
    assert within_year.status_code == 201, within_year.text
    assert (past_year.status_code, past_year.json()["code"]) == (409, "appeal_window_passed")


async def test_the_worklist_puts_the_most_urgent_reply_first_and_escalates_the_close_ones(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    received = {"2025-02-20": "C-late", "2025-02-26": "C-close", "2025-03-02": "C-calm", "2025-02-21": "C-filed"}
    appeals = {}
    for day, case in received.items():
        notice = await rejected_notice(client, clock)
        appeals[case] = await lodged(client, clock, notice, lodged_on="2025-02-19", received_on=day, case_number=case)
    clock.at = dt.datetime(2025, 3, 5, 3, tzinfo=dt.UTC)  # China date 5 March
    await ok(await client.post(f"/appeals/{appeals['C-filed']['id']}/reply-filed", json={"filed_on": "2025-03-02"}, headers=CM))

    listed = await ok(await client.get("/appeals?status=open", headers=CM))
    mine = [a for a in listed if a["case_number"] in received.values()]

    assert [a["case_number"] for a in mine] == ["C-late", "C-close", "C-calm", "C-filed"]
    # SAMPLE threshold: 3 days left or fewer (or overdue) escalates; a filed reply waits for nothing.
    assert [(a["reply_due_on"], a["days_left"], a["escalated"]) for a in mine] == [
        ("2025-03-02", -3, True), ("2025-03-08", 3, True), ("2025-03-12", 7, False), ("2025-03-03", None, False),
    ]
    assert mine[3]["reply_filed_on"] == "2025-03-02" and mine[3]["reply_filed_by"] == "test-case_manager"


async def test_a_reply_is_filed_once(client: httpx.AsyncClient, clock: TestClock) -> None:
    appeal = await lodged(client, clock, await rejected_notice(client, clock))
    url = f"/appeals/{appeal['id']}/reply-filed"
    clock.at = dt.datetime(2025, 2, 26, 3, tzinfo=dt.UTC)

    early = await client.post(url, json={"filed_on": "2025-02-23"}, headers=CM)
    filed = await ok(await client.post(url, json={"filed_on": "2025-02-24"}, headers=CM))
    again = await ok(await client.post(url, json={"filed_on": "2025-02-24"}, headers=CM))
    other = await client.post(url, json={"filed_on": "2025-02-25"}, headers=CM)
    by_point = await client.post(url, json={"filed_on": "2025-02-24"}, headers=SP)

    assert (early.status_code, early.json()["code"]) == (422, "filed_before_received")
    assert filed == again and filed["reply_filed_on"] == "2025-02-24" and filed["days_left"] is None
    assert (other.status_code, other.json()["code"]) == (409, "reply_already_filed")
    assert by_point.status_code == 403


def outcome(kind: str, **overrides: Any) -> dict[str, Any]:
    return {"outcome": kind, "decided_on": "2025-04-10", "reference": "长政复决〔2025〕9号",
            "received_on": "2025-04-12", **overrides}


async def decided(client: httpx.AsyncClient, clock: TestClock, appeal: dict, kind: str) -> httpx.Response:
    clock.at = dt.datetime(2025, 4, 12, 3, tzinfo=dt.UTC)
    return await client.post(f"/appeals/{appeal['id']}/outcome", json=outcome(kind), headers=CM)


async def test_a_revoked_rejection_approves_the_claim_from_its_original_start_with_its_notice(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    notice = await rejected_notice(client, clock)
    appeal = await lodged(client, clock, notice)
    revoked = await ok(await decided(client, clock, appeal, "revoked"))
    again = await client.post(f"/appeals/{appeal['id']}/outcome", json=outcome("revoked"), headers=CM)
    other = await client.post(f"/appeals/{appeal['id']}/outcome", json=outcome("upheld"), headers=CM)

    claim = await ok(await client.get(f"/claims/{notice['claim']['id']}", headers=CM))
    notices = await ok(await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM))
    [told] = await signals(conn, notice["claim"], "appeal_decided")

    assert (revoked["status"], revoked["outcome"], revoked["outcome_reference"]) == ("decided", "revoked", "长政复决〔2025〕9号")
    assert (again.status_code, again.json()["outcome_recorded_at"]) == (200, revoked["outcome_recorded_at"])
    assert (other.status_code, other.json()["code"]) == (409, "appeal_already_decided")
    # R-START: from the registration date, with the months and amount the approval computes.
    assert (claim["status"], claim["benefit_start_date"], claim["entitlement_months"]) == ("approved", "2025-01-10", 12)
    assert claim["monthly_amount"] is not None and "R-APPEAL-1" in claim["decision_rules"]
    assert "撤销" in claim["decision_reason"] and claim["decided_by"] == "test-case_manager"
    assert [(n["kind"], n["decision_ref"]) for n in notices] == [
        ("claim_rejected", claim["id"]), ("claim_approved", f"appeal:{appeal['id']}"),
    ]
    assert (told["outcome"], told["entitlement_months"], told["benefit_start_date"], told["carried_out_on"]) == (
        "revoked", 12, "2025-01-10", "2025-04-12"
    )


async def test_an_order_to_decide_again_returns_the_claim_to_review_and_its_new_decision_is_told(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    notice = await rejected_notice(client, clock)
    appeal = await lodged(client, clock, notice)
    await ok(await decided(client, clock, appeal, "redecide"))
    claim = await ok(await client.get(f"/claims/{notice['claim']['id']}", headers=CM))
    [told] = await signals(conn, notice["claim"], "appeal_decided")

    # R-REV-1: decided within 10 days of the outcome's receipt (12 April, China time).
    due = dt.datetime(2025, 4, 21, 16, tzinfo=dt.UTC)
    assert (claim["status"], dt.datetime.fromisoformat(claim["review_due_at"]), claim["decided_at"]) == (
        "pending_review", due, None
    )
    assert dt.datetime.fromisoformat(told["review_due_at"]) == due
    # R-CTRL-1: the new approval is the agency's own: prepared, and approved by a second person.
    prepared = await client.post(f"/claims/{claim['id']}/decision", json={"approved": True}, headers=CM)
    await ok(await approve_as_second(client, prepared))
    decisions = await signals(conn, notice["claim"], "claim_decided")
    assert [d["approved"] for d in decisions] == [False, True]


async def test_a_second_rejection_after_an_order_to_decide_again_gets_its_own_notice_and_signal(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    """R-APPEAL-1 / R-NOTICE-1: the new decision is a decision of its own: written, with its
    own appeal rights, and told to the journey (its first round's notice stays as it was)."""
    notice = await rejected_notice(client, clock)
    appeal = await lodged(client, clock, notice)
    await ok(await decided(client, clock, appeal, "redecide"))
    claim_id = notice["claim"]["id"]
    await ok(await client.post(f"/claims/{claim_id}/decision", json={"approved": False, "reason": "仍不符合"}, headers=CM))

    notices = await ok(await client.get(f"/claims/{claim_id}/decision-notices", headers=CM))
    assert [n["kind"] for n in notices] == ["claim_rejected", "claim_rejected"]
    assert notices[0]["id"] == notice["id"] and notices[1]["id"] != notice["id"]
    decisions = await signals(conn, notice["claim"], "claim_decided")
    assert [d["approved"] for d in decisions] == [False, False]


async def test_upheld_and_declared_unlawful_are_recorded_and_the_rejection_stands(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    for kind in ("upheld", "declared_unlawful"):
        notice = await rejected_notice(client, clock)
        appeal = await lodged(client, clock, notice, case_number=f"D-{kind}")
        recorded = await ok(await decided(client, clock, appeal, kind))
        claim = await ok(await client.get(f"/claims/{notice['claim']['id']}", headers=CM))
        [told] = await signals(conn, notice["claim"], "appeal_decided")

        assert (recorded["outcome"], claim["status"], told["outcome"]) == (kind, "rejected", kind)


async def test_a_changed_outcome_on_a_rejection_is_refused_and_records_nothing(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    """变更 recomputes an approved claim's months (R-CORR-1, tests/services/benefits/
    test_corrections_routes.py); a rejection has none: revoke or redecide it instead."""
    notice = await rejected_notice(client, clock)
    appeal = await lodged(client, clock, notice)
    changed = await decided(client, clock, appeal, "changed")
    after = await ok(await client.get(f"/appeals/{appeal['id']}", headers=CM))

    assert (changed.status_code, changed.json()["code"]) == (409, "claim_not_approved")
    assert after["outcome"] is None and await signals(conn, notice["claim"], "appeal_decided") == []


async def test_a_service_point_sees_and_records_its_own_districts_appeals_only(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    notice = await rejected_notice(client, clock)
    elsewhere = auth("service_point", "430103")
    clock.at = dt.datetime(2025, 2, 24, 3, tzinfo=dt.UTC)

    foreign = await client.post("/appeals", json=appeal_body(notice), headers=elsewhere)
    own = await ok(await client.post("/appeals", json=appeal_body(notice), headers=SP), 201)
    seen_elsewhere = await ok(await client.get("/appeals", headers=elsewhere))
    one_elsewhere = await client.get(f"/appeals/{own['id']}", headers=elsewhere)
    by_auditor = await client.get(f"/appeals/{own['id']}", headers=auth("auditor"))
    auditor_records = await client.post("/appeals", json=appeal_body(notice, case_number="E-2"), headers=auth("auditor"))
    point_decides = await client.post(f"/appeals/{own['id']}/outcome", json=outcome("upheld"), headers=SP)
    finance_reads = await client.get("/appeals", headers=auth("finance"))

    assert (foreign.status_code, foreign.json()["code"]) == (404, "decision_notice_not_found")
    assert own["recorded_by"] == "test-service_point"
    assert own["id"] not in {a["id"] for a in seen_elsewhere}
    assert (one_elsewhere.status_code, one_elsewhere.json()["code"]) == (404, "appeal_not_found")
    assert by_auditor.status_code == 200
    assert (auditor_records.status_code, point_decides.status_code, finance_reads.status_code) == (403, 403, 403)


async def closed_incomplete_notice(client: httpx.AsyncClient, clock: TestClock) -> dict:
    """R-RFI-1: a claim's documents asked for and not supplied; the journey closed it the day after
    the deadline (3 April 2025) and its notice was handed over that day."""
    clock.at = REQUESTED_AT
    claim, request = await documents_requested(client)
    clock.at = dt.datetime(2025, 4, 3, 2, tzinfo=dt.UTC)
    await ok(await client.post(closure_url(claim["id"], request["id"]), headers=auth("system")))
    [notice] = [n for n in await ok(await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM))
                if n["kind"] == "claim_closed_incomplete"]
    body = {"channel": "in_person", "delivered_on": "2025-04-03"}
    await ok(await client.post(f"/decision-notices/{notice['id']}/delivery", json=body, headers=SP), 201)
    return {**notice, "claim": claim}


async def test_a_revoked_closure_as_incomplete_returns_the_claim_to_review(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    notice = await closed_incomplete_notice(client, clock)
    [delivered] = await signals(conn, notice["claim"], "rejection_delivered")
    appeal = await lodged(client, clock, notice, lodged_on="2025-04-20", received_on="2025-04-24")
    clock.at = dt.datetime(2025, 5, 12, 3, tzinfo=dt.UTC)
    body = outcome("revoked", decided_on="2025-05-10", received_on="2025-05-12")
    revoked = await ok(await client.post(f"/appeals/{appeal['id']}/outcome", json=body, headers=CM))
    claim = await ok(await client.get(f"/claims/{notice['claim']['id']}", headers=CM))
    [told] = await signals(conn, notice["claim"], "appeal_decided")

    # R-APPEAL-1: the journey's window counts from the closure notice's delivery.
    assert (delivered["notice_kind"], delivered["notice_id"], delivered["delivered_on"]) == (
        "claim_closed_incomplete", notice["id"], "2025-04-03"
    )
    assert revoked["outcome"] == "revoked"
    # Back in review, decided within 10 days of the outcome's receipt (12 May, China time, R-REV-1).
    due = dt.datetime(2025, 5, 21, 16, tzinfo=dt.UTC)
    assert (claim["status"], dt.datetime.fromisoformat(claim["review_due_at"]), claim["decided_at"]) == (
        "pending_review", due, None
    )
    assert (told["notice_kind"], told["outcome"], dt.datetime.fromisoformat(told["review_due_at"])) == (
        "claim_closed_incomplete", "revoked", due
    )
    # The case manager decides again (R-CTRL-1: prepared, approved by a second person).
    prepared = await client.post(f"/claims/{claim['id']}/decision", json={"approved": True}, headers=CM)
    await ok(await approve_as_second(client, prepared))
    assert (await ok(await client.get(f"/claims/{claim['id']}", headers=CM)))["status"] == "approved"


async def test_a_changed_outcome_on_a_closure_is_refused_and_the_claim_stays_closed(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    notice = await closed_incomplete_notice(client, clock)
    appeal = await lodged(client, clock, notice, lodged_on="2025-04-20", received_on="2025-04-24")
    clock.at = dt.datetime(2025, 5, 12, 3, tzinfo=dt.UTC)
    body = outcome("changed", decided_on="2025-05-10", received_on="2025-05-12",
                   changed_terms={"monthly_amount": "1800.00"})
    changed = await client.post(f"/appeals/{appeal['id']}/outcome", json=body, headers=CM)
    claim = await ok(await client.get(f"/claims/{notice['claim']['id']}", headers=CM))

    assert changed.status_code == 409 and changed.json()["code"] == "claim_not_approved"
    assert claim["status"] == "closed_incomplete"
