"""The journey told of a corrected decision (R-CORR-1): the benefit period runs to the corrected
number of months, under time skipping; a repeated signal changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from temporalio.testing import WorkflowEnvironment

from contracts.calendar import add_months
from contracts.corrections import DecisionCorrected
from contracts.journey import ClaimDecided, Stage
from tests.workflows.fakes import FakeServices
from tests.workflows.test_claimant_journey import report, running_journey
from workflows.journey import ClaimantJourney

pytestmark = pytest.mark.timeskipping


async def test_more_months_keep_the_benefit_paying_and_fewer_end_it(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 1, None, start))
        await env.sleep(dt.timedelta(days=3))
        assert (await handle.query(ClaimantJourney.state)).stage is Stage.ON_BENEFIT
        # Decided 1 month; corrected to 3 (twice: the outbox may repeat a signal), then to 2.
        more = DecisionCorrected(fake.claim_id, "correction-1", 3, Decimal("1800.00"), start)
        await handle.signal(ClaimantJourney.decision_corrected, more)
        await handle.signal(ClaimantJourney.decision_corrected, more)
        for month in range(2):
            await report(handle, add_months(start, month))
        await env.sleep(dt.timedelta(days=35))
        state = await handle.query(ClaimantJourney.state)
        assert state.stage is Stage.ON_BENEFIT and state.entitlement_months == 3 and state.months_paid == 2
        fewer = DecisionCorrected(fake.claim_id, "correction-2", 2, Decimal("1800.00"), start)
        await handle.signal(ClaimantJourney.decision_corrected, fewer)
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)

    assert result.stage is Stage.ENTITLEMENT_EXHAUSTED
    assert fake.paid_months == [1, 2]
    corrected = [s.detail for s in state.steps if s.event == "decision_corrected"]
    assert [(d["correction_id"], d["entitlement_months"]) for d in corrected] == [
        ("correction-1", "3"), ("correction-2", "2")
    ]


async def test_another_claims_correction_is_not_this_journeys(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 1, None, start))
        await env.sleep(dt.timedelta(days=3))
        other = DecisionCorrected("00000000-0000-4000-8000-00000000ffff", "correction-x", 6, Decimal("1.00"), start)
        await handle.signal(ClaimantJourney.decision_corrected, other)
        result = await handle.result()

    assert result.stage is Stage.ENTITLEMENT_EXHAUSTED and fake.paid_months == [1]
