"""Twelve months with every report made (R-PAY-1, R-MON-1, R-MED-1, R-STOP-2, R-SPELL-1), through
the real services, activities and a time-skipping server."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import auth
from tests.journeys import steps
from tests.journeys.harness import Harness
from contracts.calendar import benefit_month_start

pytestmark = pytest.mark.journeys


async def test_twelve_months_paid_with_premiums_a_notice_and_the_spell_closed(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey = await steps.approved(h, claimant)
    start = await steps.benefit_start(h, journey)
    assert start == dt.date.fromisoformat(claimant.registration["registration_date"])  # R-START

    journey = await steps.paid_through(h, claimant, journey, start, last=11)
    # R-STOP-2: the daily run in month 11 tells the person the last month (12) starts within a month.
    assert await steps.pre_expiry_notices_run(h) >= 1
    notices = await h.benefits.get(f"/claims/{journey['claim_id']}/notices", headers=auth("case_manager"))
    assert [(n["kind"], n["last_benefit_month"]) for n in notices.json()] == [("pre_expiry", 12)]

    journey = await steps.paid_through(h, claimant, journey, start, last=12)
    # After the 12th month the entitlement is used up and the journey ends the spell.
    await steps.into_month(h, start, 13)
    journey = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")

    assert (journey["stage"], journey["months_paid"]) == ("entitlement_exhausted", 12)
    benefit = await steps.payments(h, journey["claim_id"], "benefit")
    premiums = await steps.payments(h, journey["claim_id"], "medical_premium")
    assert [p["benefit_month"] for p in benefit] == list(range(1, 13))
    assert [p["benefit_month"] for p in premiums] == list(range(1, 13))
    assert len({p["amount"] for p in benefit}) == 1  # the decided monthly amount, every month
    last_day = benefit_month_start(start, 13) - dt.timedelta(days=1)
    registration = await steps.registration(h, claimant.registration_id)
    assert (registration["status"], registration["ended_on"], registration["end_reason"]) == (
        "closed", last_day.isoformat(), "entitlement_exhausted",
    )
    assert (journey["registration_ended_on"], journey["registration_end_reason"]) == (
        last_day.isoformat(), "entitlement_exhausted",
    )
