"""The review deadline of an employer registration (参保登记审核时限).

Started (through the registration service's outbox) when a registration is accepted: the seed's
10 working days from acceptance (R-REG-1; a policy parameter, counted by the registration
service's working-day calendar, which is why the dates arrive in the input). Before the deadline
it raises a warning; past it the case is marked overdue at the service and the search attribute
``EmployerReviewOverdue`` is set, so operations can find it. The case manager's decision (a
signal) completes it. Workflow code only: deterministic, no I/O. Internal IDs and dates only.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from contracts.calendar import YearMonth
    from contracts.employer_review import (
        EMPLOYER_REVIEW_OVERDUE_KEY,
        EMPLOYER_REVIEW_WORKFLOW_TYPE,
        QUERY_EMPLOYER_REVIEW_STATE,
        SIGNAL_EMPLOYER_REVIEW_DECIDED,
        EmployerReviewDecided,
        EmployerReviewInput,
        EmployerReviewState,
    )
    from contracts.operations import TAX_REPORT_WORKFLOW_TYPE
    from shared.clock import china_date, start_of_china_day as start_of_day
    from workflows.service_calls import SERVICE_CALL
    from workflows.employer_activities import (
        EmployerReviewActivities,
        ReviewEscalation,
        TaxReportActivities,
        TaxReportRequest,
    )

OVERDUE_KEY = EMPLOYER_REVIEW_OVERDUE_KEY
DECIDED_STATUSES = frozenset({"approved", "rejected", "deregistered"})


@workflow.defn(name=EMPLOYER_REVIEW_WORKFLOW_TYPE)
class EmployerReview:
    @workflow.init
    def __init__(self, input: EmployerReviewInput) -> None:
        self._input = input
        self._decision: EmployerReviewDecided | None = None
        self._warned = False
        self._overdue = False

    @workflow.run
    async def run(self, input: EmployerReviewInput) -> EmployerReviewState:
        if not await self._decided_by(start_of_day(input.warn_on)):
            self._warned = True
            await self._escalate("warning")
        # Overdue from the first moment after the last working day of the review.
        if self._decision is None and not await self._decided_by(
            start_of_day(input.due_on + dt.timedelta(days=1))
        ):
            self._overdue = True
            workflow.upsert_search_attributes([OVERDUE_KEY.value_set(True)])
            await self._escalate("overdue")
            await workflow.wait_condition(lambda: self._decision is not None)
        return self.state()

    async def _decided_by(self, moment: dt.datetime) -> bool:
        remaining = (moment - workflow.now()).total_seconds()
        if self._decision is not None or remaining <= 0:
            return self._decision is not None
        try:
            await workflow.wait_condition(lambda: self._decision is not None, timeout=remaining)
        except asyncio.TimeoutError:
            return False
        return True

    async def _escalate(self, level: str) -> None:
        result = await workflow.execute_activity_method(
            EmployerReviewActivities.escalate_employer_review,
            ReviewEscalation(employer_id=self._input.employer_id, level=level,
                             due_on=self._input.due_on),
            **SERVICE_CALL,
        )
        if self._decision is None and result.status in DECIDED_STATUSES:
            # Decided at the service but its signal never arrived: end rather than wait forever.
            self._decision = EmployerReviewDecided(
                employer_id=self._input.employer_id,
                approved=result.status != "rejected",
                decided_at=workflow.now(),
            )

    @workflow.signal(name=SIGNAL_EMPLOYER_REVIEW_DECIDED)
    def decided(self, decision: EmployerReviewDecided) -> None:
        if self._decision is None:  # a repeated signal changes nothing
            self._decision = decision

    @workflow.query(name=QUERY_EMPLOYER_REVIEW_STATE)
    def state(self) -> EmployerReviewState:
        return EmployerReviewState(
            employer_id=self._input.employer_id,
            due_on=self._input.due_on,
            warned=self._warned,
            overdue=self._overdue,
            decided=self._decision is not None,
            approved=None if self._decision is None else self._decision.approved,
        )


def previous_month(today: dt.date) -> str:
    """The finished month a run on ``today`` reports: ``2026-11-02`` → ``"2026-10"``."""
    return str(YearMonth.of(today).plus(-1))


@workflow.defn(name=TAX_REPORT_WORKFLOW_TYPE)
class TaxReportMonthly:
    """One run per month (by the Schedule): produce the previous month's report (China time)."""

    @workflow.run
    async def run(self) -> str:
        month = previous_month(china_date(workflow.now()))
        await workflow.execute_activity_method(
            TaxReportActivities.produce_tax_report, TaxReportRequest(month), **SERVICE_CALL
        )
        return month
