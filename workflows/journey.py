"""The claimant journey (一条龙): unemployment registration → claim → review → monthly benefit →
job-seeker registration → re-employment. Workflow code only: deterministic, no I/O.

This module holds the workflow's type, its run (the claim and its decision), and its signal and
query handlers; its state and small steps are in workflows/journey_base.py, the benefit period in
workflows/journey_payments.py, and its ends in workflows/journey_ends.py.
"""

from __future__ import annotations

from temporalio import workflow
from temporalio.exceptions import ActivityError

from workflows.journey_appeals import JourneyAppeals
from workflows.journey_base import (
    PATCH_APPEAL_WINDOW,
    PATCH_CLOSURE_APPEAL_WINDOW,
    PATCH_DOCUMENT_REQUESTS,
    PATCH_RESIDENCE_REGISTRATION,
)
from workflows.journey_corrections import JourneyCorrections
from workflows.journey_ends import JourneyEnds
from workflows.journey_review import JourneyReview
from workflows.journey_payments import BenefitPayments

with workflow.unsafe.imports_passed_through():
    from workflows.activities import JourneyActivities
    from contracts.journey import (
        ClaimDecided,
        ClaimStopped,
        ClaimantJourneyInput,
        ClaimantJourneyResult,
        JobSearchReported,
        JourneyState,
        PlacementRecorded,
        QUERY_STATE,
        REVIEW_OVERDUE_KEY,
        RefusalRecorded,
        RegistrationEnded,
        SIGNAL_CLAIM_DECIDED,
        SIGNAL_CLAIM_STOPPED,
        SIGNAL_JOB_SEARCH_REPORTED,
        SIGNAL_PLACEMENT_RECORDED,
        SIGNAL_REFUSAL_RECORDED,
        SIGNAL_REGISTRATION_ENDED,
        SIGNAL_STOP_DECIDED,
        SIGNAL_TRAINING_COMPLETED,
        Stage,
        StopDecided,
        TrainingCompleted,
        WORKFLOW_TYPE,
    )
    from workflows.messages import AwardSubsidyInput, OpenClaimInput
    from workflows.service_calls import SERVICE_CALL, refusal_code


@workflow.defn(name=WORKFLOW_TYPE)
class ClaimantJourney(JourneyCorrections, JourneyAppeals, JourneyReview, BenefitPayments, JourneyEnds):
    @workflow.init
    def __init__(self, input: ClaimantJourneyInput) -> None:
        super().__init__(input)

    @workflow.run
    async def run(self, input: ClaimantJourneyInput) -> ClaimantJourneyResult:
        self._record("journey_started", registration_id=input.registration_id)
        if workflow.patched(PATCH_RESIDENCE_REGISTRATION) and not input.insured_separation:
            return await self._employment_services_only(input)
        decision = await self._claim_decision(input)
        if decision is None:  # R-RFI-1: the documents did not come by the deadline
            if not workflow.patched(PATCH_CLOSURE_APPEAL_WINDOW):
                return await self._end_closed_incomplete()
            # R-APPEAL-1: the closure's notice has its appeal window (workflows/journey_appeals.py).
            decision = await self._through_closure_window(*self._enter_closed_incomplete())
            if decision is None:
                return await self._finish()
        if not decision.approved and workflow.patched(PATCH_APPEAL_WINDOW):
            decision = await self._through_appeal_window(decision)  # R-APPEAL-1
            if not decision.approved:
                return await self._finish()
        if not decision.approved:
            return await self._end_rejected(decision)
        self._entitlement_months = decision.entitlement_months
        self._benefit_start = decision.benefit_start_date or input.registration_date
        self._enter(
            Stage.ON_BENEFIT, "claim_approved", entitlement_months=str(decision.entitlement_months)
        )
        if await self._benefit_period(input):
            return await self._end_exhausted()
        if self._placement is None and self._stop_decision is not None:
            return await self._end_stop_decided(self._stop_decision)
        if self._placement is None and self._claim_stop is not None:
            return await self._end_claim_stopped(self._claim_stop)
        return await self._end_reemployed()

    async def _claim_decision(self, input: ClaimantJourneyInput) -> ClaimDecided | None:
        """Opens the claim and waits for the case manager's decision."""
        opened = await workflow.execute_activity_method(
            JourneyActivities.open_claim, OpenClaimInput(input.registration_id), **SERVICE_CALL
        )
        self._claim_id = opened.claim_id
        self._enter(Stage.CLAIM_REVIEW, "claim_opened", claim_id=opened.claim_id)
        if workflow.patched(PATCH_DOCUMENT_REQUESTS):
            return await self._review(opened)  # R-REV-1 with R-RFI-1: workflows/journey_review.py

        # R-REV-1: decided within 10 days of accepting the claim. Past it the case is flagged
        # (searchable) for operations; the journey keeps waiting for the case manager.
        if not await self._wait_until(lambda: self._decision is not None, opened.review_due_at):
            self._review_overdue = True
            workflow.upsert_search_attributes([REVIEW_OVERDUE_KEY.value_set(True)])
            self._record("review_overdue", due_at=opened.review_due_at.isoformat())
            await workflow.wait_condition(lambda: self._decision is not None)
        decision = self._decision
        assert decision is not None
        return decision

    @workflow.signal(name=SIGNAL_CLAIM_DECIDED)
    def claim_decided(self, decision: ClaimDecided) -> None:
        # Signals may arrive twice (outbox relay retries): the first decision stands (one an
        # appeal's order to decide again set aside does not come back, R-APPEAL-1).
        if self._decision is None and not self._is_superseded(decision):
            self._decision = decision

    @workflow.signal(name=SIGNAL_PLACEMENT_RECORDED)
    def placement_recorded(self, placement: PlacementRecorded) -> None:
        if self._placement is None:
            self._placement = placement

    @workflow.signal(name=SIGNAL_CLAIM_STOPPED)
    def claim_stopped(self, stop: ClaimStopped) -> None:
        if self._claim_stop is None:
            self._claim_stop = stop

    @workflow.signal(name=SIGNAL_REGISTRATION_ENDED)
    def registration_ended(self, ended: RegistrationEnded) -> None:
        if self._registration_end is None:
            self._registration_end = ended

    @workflow.signal(name=SIGNAL_STOP_DECIDED)
    def stop_decided(self, decision: StopDecided) -> None:
        if self._stop_decision is None:
            self._stop_decision = decision

    @workflow.signal(name=SIGNAL_JOB_SEARCH_REPORTED)
    def job_search_reported(self, report: JobSearchReported) -> None:
        if report.report_month not in self._reports:
            self._reports[report.report_month] = report.report_id
            self._record("job_search_reported", report_month=report.report_month)

    @workflow.signal(name=SIGNAL_REFUSAL_RECORDED)
    def refusal_recorded(self, refusal: RefusalRecorded) -> None:
        if refusal.referral_id in self._refusals:
            return
        self._refusals.add(refusal.referral_id)
        self._record(
            "offer_refused_without_good_reason",
            referral_id=refusal.referral_id,
            count=str(refusal.refusals_without_good_reason),
        )
        # R-STOP-1 / R-FRAUD-1: no adverse decision without a human — the journey only records the
        # proposal; a case manager decides on the benefits service, which stops the claim.
        if refusal.threshold_reached and not self._stop_proposed:
            self._stop_proposed = True
            self._record("stop_proposed", reason="refused_offers")

    @workflow.signal(name=SIGNAL_TRAINING_COMPLETED)
    async def training_completed(self, training: TrainingCompleted) -> None:
        if training.enrolment_id in self._trainings:
            return
        self._trainings.add(training.enrolment_id)
        detail = {"enrolment_id": training.enrolment_id, "occupation": training.occupation}
        if training.certificate_level:
            detail["certificate_level"] = training.certificate_level
        self._record("training_completed", **detail)
        # R-SUB-1: the training subsidy is paid from the fund for people on benefit.
        if self._stage is not Stage.ON_BENEFIT or not training.course_cost or self._claim_id is None:
            return
        await self._award_training_subsidy(training, self._claim_id)

    @workflow.query(name=QUERY_STATE)
    def state(self) -> JourneyState:
        return JourneyState(
            registration_id=self._input.registration_id,
            stage=self._stage,
            claim_id=self._claim_id,
            job_seeker_id=self._job_seeker_id,
            entitlement_months=self._entitlement_months,
            months_paid=self._months_paid,
            review_overdue=self._review_overdue,
            reported_months=sorted(self._reports),
            stop_proposed=self._stop_proposed,
            registration_ended_on=self._closed.ended_on if self._closed else None,
            registration_end_reason=self._closed.reason if self._closed else None,
            steps=list(self._steps),
        )

    async def _award_training_subsidy(self, training: TrainingCompleted, claim_id: str) -> None:
        """R-SUB-1: the benefits service pays the subsidy for a passed course, capped by policy."""
        try:
            award = await workflow.execute_activity_method(
                JourneyActivities.award_subsidy,
                AwardSubsidyInput(
                    claim_id=claim_id,
                    kind="training_subsidy",
                    event_ref=training.enrolment_id,
                    requested_amount=training.course_cost,
                    occupation=training.occupation,
                    certificate_level=training.certificate_level,
                ),
                **SERVICE_CALL,
            )
        except ActivityError as err:
            # Refused by the benefits service's rules (cap used, not on benefit that day…): a
            # case manager sees it in the journey; the journey itself goes on.
            code = refusal_code(err) or "failed"
            self._record("subsidy_refused", enrolment_id=training.enrolment_id, code=code, error=str(err.cause or err))
            return
        self._record("subsidy_awarded", enrolment_id=training.enrolment_id, amount=str(award.amount))
