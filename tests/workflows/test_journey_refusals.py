"""Refusals are final and handled; outages are retried (issue 9). The fakes answer through the
real ``answer()`` mapping, exactly as the activities see the services."""

from __future__ import annotations

import datetime as dt

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.workflows.fakes import FakeServices
from tests.workflows.test_claimant_journey import report, running_journey
from contracts.calendar import add_months
from workflows.journey import ClaimantJourney
from contracts.journey import ClaimDecided, ClaimStopped, PlacementRecorded, Stage

pytestmark = pytest.mark.timeskipping


async def test_a_payment_refused_because_the_claim_stopped_waits_for_the_stop(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    """A case manager stopped the claim; its signal is still on its way when month 2 is due."""
    env, fake = time_skipping_env, FakeServices()
    fake.payments_refused_from = 2
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await report(handle, start)
        await env.sleep(dt.timedelta(days=32))
        state = await handle.query(ClaimantJourney.state)
        assert state.stage is Stage.ON_BENEFIT and state.months_paid == 1
        refused = [s for s in state.steps if s.event == "payment_refused"]
        assert [(s.detail["benefit_month"], s.detail["code"]) for s in refused] == [("2", "claim_stopped")]
        stop = ClaimStopped(fake.claim_id, "enlistment", add_months(start, 1))
        await handle.signal(ClaimantJourney.claim_stopped, stop)
        result = await handle.result()
    assert (result.stage, result.months_paid) == (Stage.BENEFIT_STOPPED, 1)
    assert fake.paid_months == [1]
    assert [(c.reason, c.ended_on) for c in fake.closed_registrations] == [("enlisted", add_months(start, 1))]


async def test_an_outage_is_retried_and_pays_once(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    fake.outage_calls = 3  # the benefits service answers 503 three times, then recovers
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("p-1", start + dt.timedelta(days=3)))
        result = await handle.result()
    assert result.stage is Stage.REEMPLOYED
    assert fake.calls >= 4 and fake.payments == [(1, "benefit"), (1, "medical_premium")]


async def test_a_refused_stop_is_recorded_and_the_journey_ends(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    fake.stop_refused_with = "stop_before_benefit_start"
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("p-1", start - dt.timedelta(days=1)))
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)
    assert result.stage is Stage.REEMPLOYED
    refused = next(s for s in state.steps if s.event == "stop_refused")
    assert refused.detail["code"] == "stop_before_benefit_start"
    assert [c.reason for c in fake.closed_registrations] == ["re_employed"]
