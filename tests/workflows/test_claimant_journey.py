"""The journey's timers under time skipping: months and review deadlines pass in seconds, at the
statutory lengths (R-PAY-1 monthly payment, R-REV-1 10-day review, R-DUR-1 up to 24 months)."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.workflows.fakes import FakeServices
from shared.clock import CHINA_TZ
from contracts.calendar import add_months, calendar_month
from contracts.journey import claimant_journey_id
from workflows.journey import ClaimantJourney
from contracts.journey import (
    ClaimDecided,
    ClaimStopped,
    ClaimantJourneyInput,
    JobSearchReported,
    PlacementRecorded,
    RefusalRecorded,
    Stage,
    StopDecided,
    TrainingCompleted,
)

pytestmark = pytest.mark.timeskipping


@contextlib.asynccontextmanager
async def running_journey(
    env: WorkflowEnvironment, fake: FakeServices
) -> AsyncIterator[tuple[WorkflowHandle, dt.date]]:
    """A worker on a fresh task queue with ``fake`` activities, and one journey started on it
    (registered today in China time); yields its handle and the registration date."""
    task_queue = f"journey-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[ClaimantJourney], activities=fake.all()):
        registration_id = str(uuid.uuid4())
        today = (await env.get_current_time()).astimezone(CHINA_TZ).date()
        handle = await env.client.start_workflow(
            ClaimantJourney.run,
            ClaimantJourneyInput(registration_id=registration_id, district="430102", registration_date=today),
            id=claimant_journey_id(registration_id),
            task_queue=task_queue,
        )
        yield handle, today


async def report(handle, day: dt.date) -> None:  # noqa: ANN001
    month = calendar_month(day)
    await handle.signal(
        ClaimantJourney.job_search_reported, JobSearchReported(f"report-{month}", month, day)
    )


async def test_a_thirty_day_benefit_month_passes_in_seconds(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await report(handle, start)

        await env.sleep(dt.timedelta(days=31))

        state = await handle.query(ClaimantJourney.state)
        assert state.stage is Stage.ON_BENEFIT
        assert fake.paid_months == [1, 2]
        # Month 2 is paid when it starts, a calendar month after the registration date.
        assert fake.paid_at[1].astimezone(CHINA_TZ).date() == add_months(start, 1)

        hired = add_months(start, 1) + dt.timedelta(days=10)
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-1", hired))
        result = await handle.result()

    assert result.stage is Stage.REEMPLOYED and result.months_paid == 2
    # R-MED-1: each month of benefit also pays the medical-insurance premium.
    assert fake.payments == [(1, "benefit"), (1, "medical_premium"), (2, "benefit"), (2, "medical_premium")]
    assert [(s.reason, s.effective_date, s.evidence_ref) for s in fake.stops] == [
        ("re_employment", hired, "placement-1")
    ]


async def test_a_full_24_month_entitlement_runs_out(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 24))
        for month in range(23):  # the person reports every month (R-MON-1)
            await report(handle, add_months(start, month))
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)

    assert result.stage is Stage.ENTITLEMENT_EXHAUSTED
    assert fake.paid_months == list(range(1, 25))
    assert fake.paid_at[-1].astimezone(CHINA_TZ).date() == add_months(start, 23)
    assert fake.stops == [] and fake.job_seekers
    assert [s.event for s in state.steps].count("payment_recorded") == 24
    # The employment service learns the last day of benefit (its statistics).
    assert fake.benefit_ends == [(add_months(start, 24) - dt.timedelta(days=1), "entitlement_exhausted")]


async def test_review_past_ten_days_is_flagged_and_still_awaits_the_decision(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, _):

        await env.sleep(dt.timedelta(days=9))
        assert (await handle.query(ClaimantJourney.state)).review_overdue is False
        await env.sleep(dt.timedelta(days=2))
        state = await handle.query(ClaimantJourney.state)
        assert state.review_overdue is True and state.stage is Stage.CLAIM_REVIEW
        assert "review_overdue" in [s.event for s in state.steps]

        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, False))
        result = await handle.result()

    assert result.stage is Stage.CLAIM_REJECTED
    assert fake.paid_months == []


async def test_repeated_signals_change_nothing(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        decision = ClaimDecided(fake.claim_id, True, 12)
        await handle.signal(ClaimantJourney.claim_decided, decision)
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, False))
        placement = PlacementRecorded("placement-1", start + dt.timedelta(days=3))
        await handle.signal(ClaimantJourney.placement_recorded, placement)
        await handle.signal(ClaimantJourney.placement_recorded, placement)
        result = await handle.result()

    assert result.stage is Stage.REEMPLOYED
    assert len(fake.stops) == 1


async def test_a_month_without_its_job_search_report_is_withheld_until_the_report(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))

        await env.sleep(dt.timedelta(days=45))
        state = await handle.query(ClaimantJourney.state)
        assert fake.paid_months == [1]  # R-MON-1: month 2 withheld, no report for the first month
        assert state.steps[-1].event == "payment_withheld"
        assert state.steps[-1].detail == {"benefit_month": "2", "missing_report_month": calendar_month(start)}

        await report(handle, start)
        await report(handle, start)  # sent twice, counted once
        await env.sleep(dt.timedelta(days=1))
        state = await handle.query(ClaimantJourney.state)
        assert fake.paid_months == [1, 2]
        assert state.reported_months == [calendar_month(start)]
        await handle.terminate("test done")


async def test_refusals_at_the_threshold_only_propose_a_stop(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await handle.signal(ClaimantJourney.refusal_recorded, RefusalRecorded("referral-1", 1, False))
        await handle.signal(ClaimantJourney.refusal_recorded, RefusalRecorded("referral-2", 2, True))
        await handle.signal(ClaimantJourney.refusal_recorded, RefusalRecorded("referral-2", 2, True))
        await handle.signal(
            ClaimantJourney.training_completed, TrainingCompleted("enrolment-1", "course-1", "电工", "4")
        )
        await env.sleep(dt.timedelta(days=1))
        state = await handle.query(ClaimantJourney.state)
        await handle.terminate("test done")

    events = [s.event for s in state.steps]
    assert events.count("offer_refused_without_good_reason") == 2
    assert events.count("stop_proposed") == 1 and state.stop_proposed
    assert events.count("training_completed") == 1
    # A proposal is not a stop: benefit goes on until a case manager decides.
    assert state.stage is Stage.ON_BENEFIT and fake.stops == []


async def test_a_stop_decided_at_the_benefits_service_ends_the_journey(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await report(handle, start)
        stop = ClaimStopped(fake.claim_id, "enlistment", start + dt.timedelta(days=20))
        await handle.signal(ClaimantJourney.claim_stopped, stop)
        await handle.signal(ClaimantJourney.claim_stopped, stop)
        result = await handle.result()

    assert result.stage is Stage.BENEFIT_STOPPED and result.months_paid == 1
    # The benefits service already stopped the claim: the journey does not stop it again.
    assert fake.stops == []


async def test_an_accepted_stop_proposal_stops_the_claim_from_the_refusal_date(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await report(handle, start)
        await env.sleep(dt.timedelta(days=40))
        refused_on = add_months(start, 1) + dt.timedelta(days=5)
        decision = StopDecided("proposal-1", "refused_offers", refused_on)
        await handle.signal(ClaimantJourney.stop_decided, decision)
        await handle.signal(ClaimantJourney.stop_decided, decision)
        result = await handle.result()

    assert result.stage is Stage.BENEFIT_STOPPED and fake.paid_months == [1, 2]
    assert [(s.reason, s.effective_date, s.evidence_ref) for s in fake.stops] == [
        ("refused_offers", refused_on, "proposal-1")
    ]
    assert fake.benefit_ends == [(refused_on, "benefit_stopped")]


async def test_completed_training_on_benefit_gets_its_subsidy_once(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await env.sleep(dt.timedelta(days=2))
        completed = TrainingCompleted("enrolment-1", "course-1", "焊工", "3", Decimal("1800.00"))
        await handle.signal(ClaimantJourney.training_completed, completed)
        await handle.signal(ClaimantJourney.training_completed, completed)
        second = TrainingCompleted("enrolment-2", "course-2", "电工", None, Decimal("900.00"))
        await handle.signal(ClaimantJourney.training_completed, second)
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("p-1", start + dt.timedelta(days=5)))
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)

    assert result.stage is Stage.REEMPLOYED
    assert [(s.event_ref, s.requested_amount, s.kind) for s in fake.subsidies] == [
        ("enrolment-1", Decimal("1800.00"), "training_subsidy")
    ]
    events = [s.event for s in state.steps]
    assert events.count("subsidy_awarded") == 1 and events.count("subsidy_refused") == 1
    # The refusal is final (never retried) and recorded with the benefits service's code.
    refused = next(s for s in state.steps if s.event == "subsidy_refused")
    assert (refused.detail["enrolment_id"], refused.detail["code"]) == ("enrolment-2", "subsidy_month_taken")


async def test_a_late_claim_counts_its_months_from_the_decided_start_date(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with running_journey(env, fake) as (handle, registered_on):
        # R-APP-2 (province option): benefit starts the month after a late claim.
        start = add_months(registered_on.replace(day=1), 1)
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12, None, start))
        await report(handle, start)
        await env.sleep(dt.timedelta(days=70))
        await handle.terminate("test done")

    assert fake.paid_months[:2] == [1, 2]
    assert fake.paid_at[1].astimezone(CHINA_TZ).date() == add_months(start, 1)


async def test_reports_missing_for_the_policys_months_propose_a_termination(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    fake.termination_months = 3
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))

        await env.sleep(dt.timedelta(days=100))  # month 2 withheld since day ~31, for < 3 months
        assert (await handle.query(ClaimantJourney.state)).stop_proposed is False
        await env.sleep(dt.timedelta(days=30))
        state = await handle.query(ClaimantJourney.state)
        await handle.terminate("test done")

    assert state.stop_proposed is True and fake.paid_months == [1]
    proposal = state.steps[-1]
    assert (proposal.event, proposal.detail["reason"]) == ("stop_proposed", "missed_reports")
    # A proposal only: the claim is not stopped by the journey.
    assert state.stage is Stage.ON_BENEFIT and fake.stops == []
