"""R-SPELL-1 and R-DUR-2 through the real services: a spell ends with a placement, the person works
again, becomes unemployed again and registers a second spell, whose claim carries over the months
the first one did not pay; and a residence registration gets employment services without a claim."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import id_number, registration_payload
from tests.journeys import steps
from tests.journeys.harness import Harness
from tests.people import contributions_paid, employed, ok, separated
from contracts.calendar import add_months, benefit_month_start

pytestmark = pytest.mark.journeys


async def test_a_second_spell_carries_over_the_months_not_paid(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey = await steps.approved(h, claimant)
    start = await steps.benefit_start(h, journey)
    journey = await steps.paid_through(h, claimant, journey, start, last=3)

    # Hired in the middle of month 3: the first spell ends on the hire date (R-SPELL-1).
    hired = benefit_month_start(start, 3) + dt.timedelta(days=14)
    await h.advance_to(steps.start_of_day(hired) + steps.INTO_THE_DAY)
    await steps.placed(h, journey["job_seeker_id"], hired)
    first = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")
    assert (first["stage"], first["months_paid"], first["registration_end_reason"]) == ("reemployed", 3, "re_employed")

    # Thirteen months at the new employer, then out of work again (contribution time restarts).
    work = await employed(
        h.registration, "", person_id_number=claimant.person.id_number, name=claimant.person.name,
        hired_on=hired, today=await h.today(),
    )
    await h.advance_to(steps.start_of_day(add_months(hired, 13)) + steps.INTO_THE_DAY)
    today = await h.today()
    await contributions_paid(h.registration, "", work, first_month=hired.replace(day=1), months=13, paid_on=today)
    out_of_work = today - dt.timedelta(days=3)
    await separated(h.registration, "", work, out_of_work)

    again = await h.registration.post("/unemployment-registrations", json=registration_payload(
        id_number=claimant.person.id_number, name=claimant.person.name, separation_date=out_of_work.isoformat(),
        separation_reason="contract_expired", registration_date=today.isoformat(),
    ), headers=steps.SERVICE_POINT)
    assert again.status_code == 201, again.text
    second_claimant = steps.Claimant(claimant.person, again.json())
    second = await steps.approved(h, second_claimant)

    assert second["claim_id"] != first["claim_id"]
    decided = await steps.claim(h, second["claim_id"])
    # R-DUR-2: 12 months for the new year of contributions + the 9 months the first claim did not pay.
    assert (decided["base_months"], decided["carried_over_months"], decided["entitlement_months"]) == (12, 9, 21)
    assert decided["previous_claim_id"] == first["claim_id"]
    history = await ok(await h.registration.get(
        f"/persons/{claimant.registration['person_id']}/unemployment-registrations", headers=steps.CASE_MANAGER
    ))
    assert [(r["id"], r["status"], r["end_reason"], r["ended_on"]) for r in history] == [
        (second_claimant.registration_id, "open", None, None),
        (claimant.registration_id, "closed", "re_employed", hired.isoformat()),
    ]


async def test_a_residence_registration_goes_to_employment_services_without_a_claim(harness: Harness) -> None:
    h = harness
    today = await h.today()
    payload = registration_payload(
        id_number=id_number(), basis="residence", residence_category="graduate", registration_date=today.isoformat()
    )
    del payload["separation_date"], payload["separation_reason"]
    registration = await ok(await h.registration.post("/unemployment-registrations", json=payload, headers=steps.SERVICE_POINT))

    journey = await h.journey_until(registration["id"], lambda j: j["job_seeker_id"] is not None)
    assert (journey["stage"], journey["claim_id"]) == ("employment_services", None)
    assert any(s["event"] == "no_claim" and s["detail"]["why"] for s in journey["steps"])
    seeker = await ok(await h.employment.get(f"/job-seekers/{journey['job_seeker_id']}", headers=steps.CASE_MANAGER))
    assert seeker["on_benefit"] is False  # no R-MON-1 reports are asked of them

    hired = today + dt.timedelta(days=40)
    await h.advance_to(steps.start_of_day(today + dt.timedelta(days=20)))
    await steps.placed(h, journey["job_seeker_id"], hired)
    journey = await h.journey_until(registration["id"], lambda j: j["status"] == "COMPLETED")
    assert journey["stage"] == "reemployed"
    closed = await steps.registration(h, registration["id"])
    assert (closed["status"], closed["end_reason"], closed["ended_on"]) == ("closed", "re_employed", hired.isoformat())
