"""A rejected claim through its appeal window, end to end on the real services with time skipping
(R-APPEAL-1, R-NOTICE-1): a reconsideration that revokes the rejection weeks later pays the months
already due once each (arrears, 补发) and the journey goes on monthly; with no appeal the
registration stays open to the window's last day and closes after it (R-SPELL-1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from contracts.calendar import add_months, benefit_month_start
from shared.clock import china_date
from tests.journeys import steps
from tests.journeys.harness import Harness
from tests.people import ok

pytestmark = pytest.mark.journeys


async def rejected_and_delivered(h: Harness) -> tuple[steps.Claimant, dict[str, Any], dt.date]:
    """The case manager rejects the claim the journey opened; the notice is handed over today.
    Returns the claimant, the journey and the delivery date."""
    claimant = await steps.registered_claimant(h)
    in_review = await h.journey_until(claimant.registration_id, lambda j: j["stage"] == "claim_review")
    claim_id = in_review["claim_id"]
    await ok(await h.benefits.post(
        f"/claims/{claim_id}/decision", json={"approved": False, "reason": "经办人员认定材料不全"}, headers=steps.CASE_MANAGER
    ))
    journey = await h.journey_until(claimant.registration_id, lambda j: j["stage"] == "claim_rejected")
    [notice] = await ok(await h.benefits.get(f"/claims/{claim_id}/decision-notices", headers=steps.CASE_MANAGER))
    today = await h.today()
    body = {"channel": "in_person", "delivered_on": today.isoformat()}
    await ok(await h.benefits.post(f"/decision-notices/{notice['id']}/delivery", json=body, headers=steps.SERVICE_POINT))
    # The delivery's signal moves the window's timer (from a year after the decision to six months).
    moved = {"event": "appeal_window_open", "ends_on": add_months(today, 6).isoformat()}
    await h.journey_until(
        claimant.registration_id, lambda j: moved in [{"event": s["event"], **s["detail"]} for s in j["steps"]]
    )
    return claimant, {**journey, "notice_id": notice["id"]}, today


async def test_a_revoked_rejection_pays_the_arrears_once_and_the_journey_goes_on(harness: Harness) -> None:
    h = harness
    claimant, journey, delivered_on = await rejected_and_delivered(h)
    lodged_on = delivered_on + dt.timedelta(days=20)
    await h.advance_to(steps.start_of_day(lodged_on + dt.timedelta(days=3)) + steps.INTO_THE_DAY)
    appeal = await ok(await h.benefits.post("/appeals", json={
        "notice_id": journey["notice_id"], "kind": "reconsideration", "lodged_on": lodged_on.isoformat(),
        "received_on": (await h.today()).isoformat(), "body": "长沙市人民政府", "case_number": "长政复〔2027〕3号",
    }, headers=steps.SERVICE_POINT))
    await h.journey_until(claimant.registration_id, lambda j: any(s["event"] == "appeal_lodged" for s in j["steps"]))

    # Weeks later the body revokes the rejection; the claim is approved from the registration date.
    start = dt.date.fromisoformat(claimant.registration["registration_date"])
    revoked_on = benefit_month_start(start, 4) + dt.timedelta(days=6)
    await h.advance_to(steps.start_of_day(revoked_on) + steps.INTO_THE_DAY)
    await ok(await h.benefits.post(f"/appeals/{appeal['id']}/outcome", json={
        "outcome": "revoked", "decided_on": (revoked_on - dt.timedelta(days=2)).isoformat(),
        "reference": "长政复决〔2027〕3号", "received_on": revoked_on.isoformat(),
    }, headers=steps.CASE_MANAGER))
    on_benefit = await h.journey_until(claimant.registration_id, lambda j: j["months_paid"] == 4 and j["job_seeker_id"])
    arrears = await steps.payments(h, journey["claim_id"])

    # Month 5 is paid by its timer, with no job-search report (month 4 began while rejected, R-MON-1).
    await steps.into_month(h, start, 5)
    after = await h.journey_until(claimant.registration_id, lambda j: j["months_paid"] == 5)
    paid = await steps.payments(h, journey["claim_id"])

    claim = await steps.claim(h, journey["claim_id"])
    assert (claim["status"], claim["benefit_start_date"]) == ("approved", start.isoformat())
    assert on_benefit["stage"] == "on_benefit" and on_benefit["registration_status"] == "open"
    # R-APPEAL-1: the months already due paid at once, each exactly once, benefit and premium.
    assert sorted((p["benefit_month"], p["kind"]) for p in arrears) == [
        (m, k) for m in range(1, 5) for k in ("benefit", "medical_premium")
    ]
    assert sorted((p["benefit_month"], p["kind"]) for p in paid) == [
        (m, k) for m in range(1, 6) for k in ("benefit", "medical_premium")
    ]
    assert after["stage"] == "on_benefit"
    assert [s["detail"]["benefit_month"] for s in after["steps"] if s["event"] == "paid_without_report"] == [
        "2", "3", "4", "5"
    ]


async def test_with_no_appeal_the_registration_closes_after_the_windows_last_day(harness: Harness) -> None:
    h = harness
    claimant, journey, delivered_on = await rejected_and_delivered(h)
    last_day = add_months(delivered_on, 6)  # 行政诉讼's 6 months outlast 行政复议's 60 days

    await h.advance_to(steps.start_of_day(last_day) + steps.INTO_THE_DAY)
    still_open = await steps.registration(h, claimant.registration_id)
    await h.advance_to(steps.start_of_day(last_day + dt.timedelta(days=1)) + steps.INTO_THE_DAY)
    ended = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")
    closed = await steps.registration(h, claimant.registration_id)

    assert still_open["status"] == "open"
    assert (ended["stage"], ended["months_paid"]) == ("claim_rejected", 0)
    decided_on = china_date(dt.datetime.fromisoformat((await steps.claim(h, journey["claim_id"]))["decided_at"]))
    assert (closed["status"], closed["end_reason"], closed["ended_on"]) == ("closed", "claim_rejected", decided_on.isoformat())
