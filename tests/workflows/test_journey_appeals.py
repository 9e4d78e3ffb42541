"""A rejected claim's journey through its appeal window (R-APPEAL-1, R-NOTICE-1) under time
skipping: the registration stays open until the window ends (moved by the delivery's signal), an
appeal holds it open until its outcome, and a revoked rejection pays the months already due at once
(arrears, each once) before the monthly cycle goes on."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.client import WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from contracts.appeals import AppealDecided, AppealLodged, RejectionDelivered
from contracts.calendar import add_months, benefit_month_start, calendar_month
from contracts.journey import ClaimantJourneyInput, ClaimDecided, JobSearchReported, Stage, claimant_journey_id
from shared.clock import china_date, start_of_china_day
from tests.workflows.fakes import FakeServices
from workflows.journey import ClaimantJourney

pytestmark = pytest.mark.timeskipping


@contextlib.asynccontextmanager
async def rejected(
    env: WorkflowEnvironment, fake: FakeServices
) -> AsyncIterator[tuple[WorkflowHandle, dt.date, ClaimDecided]]:
    """A journey whose claim was rejected today (China time); yields its handle, today and the
    rejection."""
    task_queue = f"appeals-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[ClaimantJourney], activities=fake.all()):
        registration_id = str(uuid.uuid4())
        now = await env.get_current_time()
        handle = await env.client.start_workflow(
            ClaimantJourney.run,
            ClaimantJourneyInput(registration_id, "430102", china_date(now)),
            id=claimant_journey_id(registration_id),
            task_queue=task_queue,
        )
        rejection = ClaimDecided(fake.claim_id, False, decided_at=now)
        await handle.signal(ClaimantJourney.claim_decided, rejection)
        try:
            yield handle, china_date(now), rejection
        finally:
            # A journey left running would hold the shared test server's time (its next timer's
            # task has no worker once this one stops).
            if (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
                await handle.terminate("test over")


async def skip_to(env: WorkflowEnvironment, day: dt.date, hours: int = 9) -> None:
    remaining = start_of_china_day(day) + dt.timedelta(hours=hours) - await env.get_current_time()
    await env.sleep(remaining)


def events(state, name: str) -> list[dict[str, str]]:  # noqa: ANN001
    return [s.detail for s in state.steps if s.event == name]


def delivered(fake: FakeServices, on: dt.date, rights: bool = True) -> RejectionDelivered:
    return RejectionDelivered(fake.claim_id, "notice-1", on, rights)


def lodged(fake: FakeServices, on: dt.date, appeal_id: str = "appeal-1") -> AppealLodged:
    return AppealLodged(appeal_id, fake.claim_id, "notice-1", "claim_rejected", "reconsideration", on)


async def test_the_registration_stays_open_through_the_window_the_delivery_moves(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with rejected(env, fake) as (handle, today, _):
        on = today + dt.timedelta(days=5)
        await skip_to(env, on)
        await handle.signal(ClaimantJourney.rejection_delivered, delivered(fake, on))
        window_end = add_months(on, 6)  # the later of 60 days and 6 months (R-APPEAL-1)

        await skip_to(env, window_end, hours=23)
        before = await handle.query(ClaimantJourney.state)
        result = await handle.result()
        after = await handle.query(ClaimantJourney.state)

    # Before the delivery: one year from the decision; then moved to the delivery's window.
    assert [e["ends_on"] for e in events(before, "appeal_window_open")] == [
        add_months(today, 12).isoformat(), window_end.isoformat()
    ]
    assert before.stage is Stage.CLAIM_REJECTED and before.registration_ended_on is None
    assert result.stage is Stage.CLAIM_REJECTED
    assert events(after, "appeal_window_passed") == [{"ended_on": window_end.isoformat()}]
    assert [(c.ended_on, c.reason) for c in fake.closed_registrations] == [(today, "claim_rejected")]


async def test_a_notice_without_the_appeal_rights_keeps_the_window_open_a_year(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with rejected(env, fake) as (handle, today, _):
        on = today + dt.timedelta(days=2)
        await skip_to(env, on)
        await handle.signal(ClaimantJourney.rejection_delivered, delivered(fake, on, rights=False))
        await skip_to(env, add_months(on, 12), hours=23)
        open_still = await handle.query(ClaimantJourney.state)
        await handle.result()

    assert open_still.registration_ended_on is None and fake.closed_registrations[0].reason == "claim_rejected"
    assert events(open_still, "appeal_window_open")[-1] == {"ends_on": add_months(on, 12).isoformat()}


async def test_a_revoked_rejection_pays_the_months_already_due_once_then_the_cycle_goes_on(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with rejected(env, fake) as (handle, start, _):
        await handle.signal(ClaimantJourney.rejection_delivered, delivered(fake, start))
        await handle.signal(ClaimantJourney.appeal_lodged, lodged(fake, start + dt.timedelta(days=20)))
        # Past the window's end: an appeal is open, so the registration stays open.
        revoked_on = add_months(start, 7) + dt.timedelta(days=3)
        await skip_to(env, revoked_on)
        waiting = await handle.query(ClaimantJourney.state)
        assert fake.paid_months == [] and waiting.registration_ended_on is None
        decided = AppealDecided(
            "appeal-1", fake.claim_id, "claim_rejected", "revoked", revoked_on, revoked_on,
            entitlement_months=12, benefit_start_date=start,
        )
        await handle.signal(ClaimantJourney.appeal_decided, decided)
        await handle.signal(ClaimantJourney.appeal_decided, decided)  # a repeat changes nothing
        await skip_to(env, revoked_on, hours=10)
        arrears = await handle.query(ClaimantJourney.state)
        paid_at_revocation = list(fake.payments)

        # Month 9 begins on its timer, its report not required (month 8 began while rejected);
        # month 10 needs the report of the month in which month 9 began, after the revocation.
        await skip_to(env, benefit_month_start(start, 10))
        withheld = await handle.query(ClaimantJourney.state)
        month_9 = benefit_month_start(start, 9)
        await handle.signal(
            ClaimantJourney.job_search_reported, JobSearchReported("report-9", calendar_month(month_9), month_9)
        )
        await skip_to(env, benefit_month_start(start, 10), hours=10)
        state = await handle.query(ClaimantJourney.state)

    # Months 1–8 had begun by the revocation: paid at once, benefit and premium, each once.
    assert paid_at_revocation == [(m, k) for m in range(1, 9) for k in ("benefit", "medical_premium")]
    assert arrears.stage is Stage.ON_BENEFIT and arrears.months_paid == 8
    assert fake.job_seekers and fake.job_seeker_on_benefit == [True]
    # R-MON-1: months 2–8 (their previous month began while rejected) are not withheld.
    assert [e["benefit_month"] for e in events(arrears, "paid_without_report")] == [str(m) for m in range(2, 9)]
    assert withheld.months_paid == 9 and events(withheld, "paid_without_report")[-1]["benefit_month"] == "9"
    assert events(withheld, "payment_withheld") == [{"benefit_month": "10", "missing_report_month": calendar_month(month_9)}]
    assert (state.months_paid, fake.paid_months) == (10, list(range(1, 11)))
    assert state.registration_ended_on is None and fake.closed_registrations == []


async def test_an_order_to_decide_again_waits_for_the_new_decision(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with rejected(env, fake) as (handle, start, rejection):
        await handle.signal(ClaimantJourney.appeal_lodged, lodged(fake, start))
        ordered_on = start + dt.timedelta(days=40)
        await skip_to(env, ordered_on)
        due = start_of_china_day(ordered_on) + dt.timedelta(days=10)
        await handle.signal(ClaimantJourney.appeal_decided, AppealDecided(
            "appeal-1", fake.claim_id, "claim_rejected", "redecide", ordered_on, ordered_on, review_due_at=due,
        ))
        # A late repeat of the decision set aside is not the new decision.
        await handle.signal(ClaimantJourney.claim_decided, rejection)
        await skip_to(env, ordered_on + dt.timedelta(days=11))
        review = await handle.query(ClaimantJourney.state)
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(
            fake.claim_id, True, 12, decided_at=await env.get_current_time(), benefit_start_date=start,
        ))
        await skip_to(env, ordered_on + dt.timedelta(days=11), hours=10)
        state = await handle.query(ClaimantJourney.state)

    assert review.stage is Stage.CLAIM_REVIEW and review.review_overdue is True
    assert "claim_to_be_decided_again" in [s.event for s in review.steps]
    assert state.stage is Stage.ON_BENEFIT and fake.paid_months == [1, 2]
    assert fake.closed_registrations == []


async def test_an_upheld_rejection_closes_the_registration_at_once(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeServices()
    async with rejected(env, fake) as (handle, start, _):
        await handle.signal(ClaimantJourney.appeal_lodged, lodged(fake, start))
        upheld_on = start + dt.timedelta(days=30)
        await skip_to(env, upheld_on)
        await handle.signal(ClaimantJourney.appeal_decided, AppealDecided(
            "appeal-1", fake.claim_id, "claim_rejected", "upheld", upheld_on, upheld_on,
        ))
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)

    assert result.stage is Stage.CLAIM_REJECTED and fake.paid_months == []
    assert [(c.ended_on, c.reason) for c in fake.closed_registrations] == [(start, "claim_rejected")]
    # Closed on the outcome, not by the window's end (one year from the decision, no delivery).
    assert [s.event for s in state.steps][-2:] == ["appeal_decided", "registration_closed"]
    assert events(state, "appeal_window_passed") == []
