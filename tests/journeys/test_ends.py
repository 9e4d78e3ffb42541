"""How a benefit period ends mid-month, through the real services: a placement (R-STOP-1 from the
hire date) and a death (R-DEATH-1). The month's instruction, still in the fund, is cut before any
payroll run pays it; nothing is "recovered" that never left; the spell closes (R-SPELL-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.journeys import steps
from tests.journeys.harness import Harness
from tests.people import ok
from contracts.calendar import benefit_month_start

pytestmark = pytest.mark.journeys


async def test_a_placement_in_the_middle_of_a_month(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey = await steps.approved(h, claimant)
    start = await steps.benefit_start(h, journey)
    journey = await steps.paid_through(h, claimant, journey, start, last=3)

    month_3 = benefit_month_start(start, 3)
    hired = month_3 + dt.timedelta(days=10)
    await h.advance_to(steps.start_of_day(hired) + steps.INTO_THE_DAY)
    await steps.placed(h, journey["job_seeker_id"], hired)
    journey = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")

    assert (journey["stage"], journey["months_paid"]) == ("reemployed", 3)
    claim = await steps.claim(h, journey["claim_id"])
    assert (claim["status"], claim["stop_reason"], claim["stop_effective_date"]) == (
        "stopped", "re_employment", hired.isoformat(),
    )
    third = next(p for p in await steps.payments(h, journey["claim_id"], "benefit") if p["benefit_month"] == 3)
    days = (benefit_month_start(start, 4) - month_3).days
    monthly = Decimal(claim["monthly_amount"])
    # R-STOP-1 by_day: the ten days before the hire are kept; the instruction is cut, not recovered.
    assert Decimal(third["amount"]) == (monthly * 10 / days).quantize(Decimal("0.01"))
    assert Decimal(third["original_amount"]) == monthly
    overpayments = await ok(await h.benefits.get(f"/claims/{journey['claim_id']}/overpayments", headers=steps.CASE_MANAGER))
    assert overpayments == []
    registration = await steps.registration(h, claimant.registration_id)
    assert (registration["status"], registration["end_reason"], registration["ended_on"]) == (
        "closed", "re_employed", hired.isoformat(),
    )


async def test_a_death_during_the_benefit_period(harness: Harness) -> None:
    h = harness
    claimant = await steps.registered_claimant(h)
    journey = await steps.approved(h, claimant)
    start = await steps.benefit_start(h, journey)
    journey = await steps.paid_through(h, claimant, journey, start, last=2)

    died = benefit_month_start(start, 2) + dt.timedelta(days=5)
    await h.advance_to(steps.start_of_day(died + dt.timedelta(days=3)) + steps.INTO_THE_DAY)
    report = {
        "date_of_death": died.isoformat(), "evidence_ref": "死亡证明-0001", "recipient_name": "王大明",
        "recipient_relationship": "spouse", "recipient_bank_code": "ICBC",
        "recipient_account_number": "6222021234567890123", "funeral_grant_choice": "unemployment",
    }
    recorded = await ok(await h.benefits.post(f"/claims/{journey['claim_id']}/death", json=report, headers=steps.CASE_MANAGER))
    journey = await h.journey_until(claimant.registration_id, lambda j: j["status"] == "COMPLETED")

    assert journey["stage"] == "benefit_stopped"
    assert recorded["funeral_grant"] is not None and recorded["survivor_grant"] is not None
    # The month of death is paid in full with its medical premium (R-DEATH-1, R-MED-1); no later month.
    by_kind = {(p["kind"], p["benefit_month"]) for p in await steps.payments(h, journey["claim_id"])}
    assert {("benefit", 2), ("medical_premium", 2)} <= by_kind
    assert not any(month > 2 for _, month in by_kind)
    registration = await steps.registration(h, claimant.registration_id)
    assert (registration["status"], registration["end_reason"], registration["ended_on"]) == (
        "closed", "died", died.isoformat(),
    )
