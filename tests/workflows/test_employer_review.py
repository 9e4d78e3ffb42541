"""The employer-registration review deadline under time skipping (R-REG-1, the seed's 10 working
days): a warning before the deadline, overdue → escalation and a searchable flag, the case
manager's decision completes it."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from temporalio import activity
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from shared.clock import CHINA_TZ
from workflows.employer_activities import EscalationResult, ReviewEscalation, TaxReportRequest
from workflows.employer_review import EmployerReview, OVERDUE_KEY, TaxReportMonthly, previous_month
from contracts.employer_review import EmployerReviewDecided, EmployerReviewInput, employer_review_id

pytestmark = pytest.mark.timeskipping


asked: list[str] = []


@activity.defn(name="produce_tax_report")
async def produce_tax_report(input: TaxReportRequest) -> int:
    asked.append(input.month)
    return 3


class FakeRegistration:
    def __init__(self, status: str = "under_review") -> None:
        self.status = status
        self.escalations: list[tuple[str, dt.datetime]] = []

    @activity.defn(name="escalate_employer_review")
    async def escalate_employer_review(self, input: ReviewEscalation) -> EscalationResult:
        self.escalations.append((input.level, activity.info().current_attempt_scheduled_time))
        return EscalationResult(self.status)


async def start(env: WorkflowEnvironment, task_queue: str):  # noqa: ANN201
    employer_id = str(uuid.uuid4())
    today = (await env.get_current_time()).astimezone(CHINA_TZ).date()
    # Dates as the registration service's calendar computes them (14 calendar days ≈ 10 working).
    review = EmployerReviewInput(
        employer_id=employer_id,
        accepted_on=today,
        warn_on=today + dt.timedelta(days=12),
        due_on=today + dt.timedelta(days=14),
    )
    handle = await env.client.start_workflow(
        EmployerReview.run, review, id=employer_review_id(employer_id), task_queue=task_queue
    )
    return handle, review


async def test_warning_then_overdue_escalation_then_the_decision_completes_it(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake, task_queue = time_skipping_env, FakeRegistration(), f"employer-review-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[EmployerReview],
                      activities=[fake.escalate_employer_review]):
        handle, review = await start(env, task_queue)

        await env.sleep(dt.timedelta(days=11))
        assert fake.escalations == []

        await env.sleep(dt.timedelta(days=2))  # day 13: past the start of warn_on
        state = await handle.query(EmployerReview.state)
        assert (state.warned, state.overdue) == (True, False)
        assert [level for level, _ in fake.escalations] == ["warning"]
        assert fake.escalations[0][1].astimezone(CHINA_TZ).date() == review.warn_on

        await env.sleep(dt.timedelta(days=3))  # past the whole of due_on
        state = await handle.query(EmployerReview.state)
        assert state.overdue is True and state.decided is False
        assert [level for level, _ in fake.escalations] == ["warning", "overdue"]
        assert fake.escalations[1][1].astimezone(CHINA_TZ).date() == review.due_on + dt.timedelta(days=1)
        described = await handle.describe()
        assert described.typed_search_attributes.get(OVERDUE_KEY) is True

        decided_at = await env.get_current_time()
        await handle.signal(EmployerReview.decided, EmployerReviewDecided(review.employer_id, True, decided_at))
        result = await handle.result()

    assert result.decided and result.approved and result.overdue


async def test_a_decision_in_time_completes_without_escalation(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake, task_queue = time_skipping_env, FakeRegistration(), f"employer-review-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[EmployerReview],
                      activities=[fake.escalate_employer_review]):
        handle, review = await start(env, task_queue)
        await env.sleep(dt.timedelta(days=3))
        decided_at = await env.get_current_time()
        await handle.signal(EmployerReview.decided, EmployerReviewDecided(review.employer_id, False, decided_at))
        result = await handle.result()

    assert (result.decided, result.approved, result.warned, result.overdue) == (True, False, False, False)
    assert fake.escalations == []


async def test_a_decision_whose_signal_was_lost_ends_the_review_at_the_warning(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    """The decision's signal went out before the workflow had started (Temporal was down at
    acceptance): the service answers the warning with the decided status and the review ends."""
    env, fake = time_skipping_env, FakeRegistration(status="rejected")
    task_queue = f"employer-review-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[EmployerReview],
                      activities=[fake.escalate_employer_review]):
        handle, _ = await start(env, task_queue)
        result = await handle.result()

    assert [level for level, _ in fake.escalations] == ["warning"]
    assert (result.decided, result.approved, result.overdue) == (True, False, False)


async def test_the_monthly_tax_report_run_asks_for_the_previous_month(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    asked.clear()

    env, task_queue = time_skipping_env, f"tax-report-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[TaxReportMonthly],
                      activities=[produce_tax_report]):
        handle = await env.client.start_workflow(
            TaxReportMonthly.run, id=f"tax-report-{uuid.uuid4()}", task_queue=task_queue
        )
        month = await handle.result()
        started = (await handle.describe()).start_time
    # The session's server has skipped far ahead by now: compare with the run's own start.
    assert asked == [month] == [previous_month(started.astimezone(CHINA_TZ).date())]
