"""The monthly cycle's frictions through the real services: a missed report withholds the month
until it is made (R-MON-1); refusals without good reason only propose a stop, which a case manager
confirms (R-STOP-1, R-FRAUD-1: no adverse decision without a human)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.four_eyes import approve_as_second
from tests.journeys import steps
from tests.journeys.harness import Harness
from tests.people import ok

pytestmark = pytest.mark.journeys


async def test_a_missed_report_withholds_the_month_until_it_is_made(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey = await steps.approved(h, claimant)
    start = await steps.benefit_start(h, journey)

    await steps.into_month(h, start, 2)  # month 1's report was never made
    journey = await h.journey_until(
        claimant.registration_id, lambda j: "payment_withheld" in [s["event"] for s in j["steps"]]
    )
    await steps.into_month(h, start, 2)  # a day passes, still nothing is paid
    assert journey["months_paid"] == 1
    assert [p["benefit_month"] for p in await steps.payments(h, journey["claim_id"], "benefit")] == [1]

    await steps.report_for_month(h, journey, start, 1)  # made late, in month 2
    journey = await h.journey_until(claimant.registration_id, lambda j: j["months_paid"] == 2)
    paid = await steps.payments(h, journey["claim_id"], "benefit")
    assert [p["benefit_month"] for p in paid] == [1, 2]
    assert paid[1]["created_at"] > paid[0]["created_at"]
    withheld = next(s for s in journey["steps"] if s["event"] == "payment_withheld")
    assert withheld["detail"]["benefit_month"] == "2"


async def test_two_refusals_propose_a_stop_that_a_case_manager_confirms(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey = await steps.approved(h, claimant)
    start = await steps.benefit_start(h, journey)
    await steps.into_month(h, start, 1)
    refused_on = await h.today()

    first = await steps.refused_without_good_reason(h, journey["job_seeker_id"], "WL-1")
    second = await steps.refused_without_good_reason(h, journey["job_seeker_id"], "WL-2")
    assert first["stop_proposal_id"] is None and second["stop_proposal_id"] is not None
    journey = await h.journey_until(claimant.registration_id, lambda j: j["stop_proposed"])
    claim = await steps.claim(h, journey["claim_id"])
    assert claim["status"] == "approved"  # proposed only: the benefit goes on until a human decides

    decision = {"accepted": True, "note": "两次无正当理由拒绝职业介绍"}
    url = f"/stop-proposals/{second['stop_proposal_id']}/decision"
    prepared = await h.employment.post(url, json=decision, headers=steps.CASE_MANAGER)
    # R-CTRL-1: accepting the stop proposal is a stop: a second case manager approves it.
    await ok(await approve_as_second(h.employment, prepared))
    journey = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")

    claim = await steps.claim(h, journey["claim_id"])
    assert (claim["status"], claim["stop_reason"], claim["stop_effective_date"]) == (
        "stopped", "refused_offers", refused_on.isoformat(),
    )
    assert journey["stage"] == "benefit_stopped"
    registration = await steps.registration(h, claimant.registration_id)
    assert (registration["status"], registration["end_reason"], registration["ended_on"]) == (
        "closed", "refused_services", refused_on.isoformat(),
    )
    assert refused_on < start + dt.timedelta(days=31)
