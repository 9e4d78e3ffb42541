"""The one-time notice of missing documents (R-RFI-1) through the real services and the journey,
with time skipping: a case manager asks once for every missing document; with none supplied the
supply deadline passes, the journey has the claim closed as incomplete (its notice, R-NOTICE-1)
and the 失业登记 stays open through that notice's appeal window (R-APPEAL-1, moved by its delivery)
and closes after it (R-SPELL-1); with the documents in, the review goes on, the claim is
approved and the first month paid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from contracts.calendar import add_months
from shared.clock import start_of_china_day
from tests.journeys import steps
from tests.journeys.harness import Harness
from tests.people import ok

pytestmark = pytest.mark.journeys
DOCUMENTS = [
    {"kind": "separation_proof", "description": "原单位出具的解除劳动合同证明"},
    {"kind": "id_document", "description": "本人居民身份证复印件"},
]


def events(journey: dict[str, Any]) -> list[str]:
    return [s["event"] for s in journey["steps"]]


async def documents_requested(h: Harness, claimant: steps.Claimant) -> tuple[dict[str, Any], dict[str, Any]]:
    """The claim in review, its documents asked for, and the journey told (the outbox's signal)."""
    in_review = await h.journey_until(claimant.registration_id, lambda j: j["stage"] == "claim_review")
    url = f"/claims/{in_review['claim_id']}/document-requests"
    request = await ok(await h.benefits.post(url, json={"documents": DOCUMENTS}, headers=steps.CASE_MANAGER))
    journey = await h.journey_until(claimant.registration_id, lambda j: "documents_requested" in events(j))
    return journey, request


async def notice_kinds(h: Harness, claim_id: str) -> list[str]:
    notices = await ok(await h.benefits.get(f"/claims/{claim_id}/decision-notices", headers=steps.CASE_MANAGER))
    return [n["kind"] for n in notices]


async def test_no_documents_by_the_deadline_close_the_claim_and_after_its_window_the_registration(
    harness: Harness,
) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey, request = await documents_requested(h, claimant)
    due_on = dt.date.fromisoformat(request["due_on"])
    closed_on = due_on + dt.timedelta(days=1)

    # Past the 10 days of R-REV-1 and up to the last day of the deadline: paused, not overdue.
    await h.advance_to(start_of_china_day(due_on) + steps.INTO_THE_DAY)
    waiting = await h.journey(claimant.registration_id)
    claim = await steps.claim(h, journey["claim_id"])
    assert (waiting["stage"], waiting["review_overdue"], waiting["status"]) == ("claim_review", False, "RUNNING")
    assert (claim["status"], claim["documents_due_on"], claim["review_overdue"]) == ("pending_review", request["due_on"], False)

    await h.advance_to(start_of_china_day(closed_on) + steps.INTO_THE_DAY)
    journey = await h.journey_until(claimant.registration_id, lambda j: j["stage"] == "claim_closed_incomplete")
    claim = await steps.claim(h, journey["claim_id"])
    assert claim["status"] == "closed_incomplete"
    [listed] = await ok(await h.benefits.get(f"/claims/{claim['id']}/document-requests", headers=steps.CASE_MANAGER))
    assert (listed["status"], listed["closed_by"]) == ("closed_incomplete", "claimant-journey-worker")
    assert await notice_kinds(h, claim["id"]) == ["documents_requested", "claim_closed_incomplete"]

    # R-APPEAL-1: the closure's notice carries the appeal rights; handed over today, its window
    # ends 6 months later (行政诉讼 outlasts 行政复议's 60 days), and its delivery moves the timer.
    closure = (await ok(await h.benefits.get(f"/claims/{claim['id']}/decision-notices", headers=steps.CASE_MANAGER)))[-1]
    delivered_on = await h.today()
    body = {"channel": "in_person", "delivered_on": delivered_on.isoformat()}
    await ok(await h.benefits.post(f"/decision-notices/{closure['id']}/delivery", json=body, headers=steps.SERVICE_POINT))
    last_day = add_months(delivered_on, 6)
    moved = {"event": "appeal_window_open", "ends_on": last_day.isoformat()}
    await h.journey_until(
        claimant.registration_id, lambda j: moved in [{"event": s["event"], **s["detail"]} for s in j["steps"]]
    )

    await h.advance_to(start_of_china_day(last_day) + steps.INTO_THE_DAY)
    on_the_last_day = await steps.registration(h, claimant.registration_id)
    await h.advance_to(start_of_china_day(last_day + dt.timedelta(days=1)) + steps.INTO_THE_DAY)
    ended = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")
    registration = await steps.registration(h, claimant.registration_id)

    assert on_the_last_day["status"] == "open"
    assert ended["stage"] == "claim_closed_incomplete"
    assert (registration["status"], registration["end_reason"], registration["ended_on"]) == (
        "closed", "claim_incomplete", closed_on.isoformat()
    )
    assert await steps.payments(h, claim["id"]) == []


async def test_documents_received_resume_the_review_and_the_claim_is_paid(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey, request = await documents_requested(h, claimant)
    await h.advance_to(await h.now() + dt.timedelta(days=12))  # the documents come on day 12

    receipt = f"/claims/{journey['claim_id']}/document-requests/{request['id']}/receipt"
    received = await ok(await h.benefits.post(receipt, headers=steps.SERVICE_POINT))
    claim = await steps.claim(h, journey["claim_id"])
    await h.journey_until(claimant.registration_id, lambda j: "documents_received" in events(j))

    # R-REV-1: 10 days from the receipt of complete materials.
    received_at = dt.datetime.fromisoformat(received["received_at"])
    assert dt.datetime.fromisoformat(claim["review_due_at"]) == received_at + dt.timedelta(days=10)
    journey = await steps.approved(h, claimant)
    assert journey["stage"] == "on_benefit" and journey["review_overdue"] is False
    [month_1] = await steps.payments(h, journey["claim_id"], "benefit")
    assert month_1["benefit_month"] == 1
    assert await notice_kinds(h, journey["claim_id"]) == ["documents_requested", "claim_approved"]
    await h.advance_to(await h.now() + dt.timedelta(days=40))  # the deadline passes: nothing is closed
    assert (await steps.claim(h, journey["claim_id"]))["status"] == "approved"
