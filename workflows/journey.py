"""The claimant journey (一条龙): unemployment registration → claim → review → monthly benefit →
job-seeker registration → re-employment. Workflow code only: deterministic, no I/O."""

from __future__ import annotations

import asyncio
import datetime as dt

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from workflows.activities import JourneyActivities
    from contracts.calendar import add_months, benefit_month_start, calendar_month
    from shared.clock import china_date, start_of_china_day as start_of_day
    from contracts.journey import (
        ClaimDecided,
        ClaimStopped,
        ClaimantJourneyInput,
        ClaimantJourneyResult,
        JobSearchReported,
        JourneyState,
        JourneyStep,
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
        STAGE_KEY,
        Stage,
        StopDecided,
        TrainingCompleted,
        WORKFLOW_TYPE,
    )
    from workflows.messages import (
        AwardSubsidyInput,
        CloseRegistrationInput,
        MissedReportRuleInput,
        OpenClaimInput,
        RecordBenefitEndInput,
        RecordPaymentInput,
        RegisterJobSeekerInput,
        StopBenefitInput,
    )
    from workflows.service_calls import SERVICE_CALL, refusal_code
    from workflows.spell import spell_end_for_stop

# Changes to the released workflow, guarded for histories recorded before them.
PATCH_MONTHLY_REPORT = "r-mon-1-monthly-report"
PATCH_PAY_UNTIL_END = "pay-first-month-until-end-date"
PATCH_MEDICAL_PREMIUM = "r-med-1-medical-premium"
PATCH_MISSED_REPORT_TERMINATION = "r-mon-1-missed-report-termination"
PATCH_TELL_BENEFIT_END = "tell-employment-benefit-end"
PATCH_CLOSE_REGISTRATION = "r-spell-1-close-registration"
PATCH_RESIDENCE_REGISTRATION = "r-spell-1-residence-registration"
PATCH_REFUSALS_ARE_FINAL = "service-refusals-are-final"
# What a refused service call returns (a call may rightly return None).
REFUSED = object()




@workflow.defn(name=WORKFLOW_TYPE)
class ClaimantJourney:
    @workflow.init
    def __init__(self, input: ClaimantJourneyInput) -> None:
        self._input = input
        self._stage = Stage.REGISTERED
        self._claim_id: str | None = None
        self._job_seeker_id: str | None = None
        self._decision: ClaimDecided | None = None
        self._placement: PlacementRecorded | None = None
        self._claim_stop: ClaimStopped | None = None
        self._stop_decision: StopDecided | None = None
        self._entitlement_months = 0
        # R-START: benefit months count from here (set by the decision).
        self._benefit_start = input.registration_date
        self._months_paid = 0
        self._review_overdue = False
        self._steps: list[JourneyStep] = []
        # Events from the employment service, keyed by their own IDs: a repeated signal is a no-op.
        self._reports: dict[str, str] = {}  # report month "YYYY-MM" → report ID (R-MON-1)
        self._refusals: set[str] = set()
        self._trainings: set[str] = set()
        self._stop_proposed = False
        self._registration_end: RegistrationEnded | None = None
        # R-SPELL-1: how the journey ended the 失业登记 (None while the spell lasts).
        self._closed: CloseRegistrationInput | None = None

    @workflow.run
    async def run(self, input: ClaimantJourneyInput) -> ClaimantJourneyResult:
        self._record("journey_started", registration_id=input.registration_id)
        if workflow.patched(PATCH_RESIDENCE_REGISTRATION) and not input.insured_separation:
            return await self._employment_services_only(input)

        opened = await workflow.execute_activity_method(
            JourneyActivities.open_claim, OpenClaimInput(input.registration_id), **SERVICE_CALL
        )
        self._claim_id = opened.claim_id
        self._enter(Stage.CLAIM_REVIEW, "claim_opened", claim_id=opened.claim_id)

        # R-REV-1: decided within 10 days of accepting the claim. Past it the case is flagged
        # (searchable) for operations; the journey keeps waiting for the case manager.
        if not await self._wait_until(lambda: self._decision is not None, opened.review_due_at):
            self._review_overdue = True
            workflow.upsert_search_attributes([REVIEW_OVERDUE_KEY.value_set(True)])
            self._record("review_overdue", due_at=opened.review_due_at.isoformat())
            await workflow.wait_condition(lambda: self._decision is not None)
        decision = self._decision
        assert decision is not None
        if not decision.approved:
            self._enter(Stage.CLAIM_REJECTED, "claim_rejected", claim_id=decision.claim_id)
            # R-SPELL-1: the spell ends with the rejection. (An appeal window, when one is
            # modelled, would be waited for here before the registration closes.)
            decided_on = china_date(decision.decided_at or workflow.now())
            await self._close_registration("claim_rejected", decided_on, f"claim:{decision.claim_id}")
            return await self._finish()

        self._entitlement_months = decision.entitlement_months
        self._benefit_start = decision.benefit_start_date or input.registration_date
        self._enter(
            Stage.ON_BENEFIT, "claim_approved", entitlement_months=str(decision.entitlement_months)
        )
        if await self._benefit_period(input):
            self._enter(Stage.ENTITLEMENT_EXHAUSTED, "entitlement_exhausted")
            end = benefit_month_start(self._benefit_start, self._entitlement_months + 1)
            last_day = end - dt.timedelta(days=1)
            await self._tell_employment_benefit_ended(last_day, "entitlement_exhausted")
            await self._close_registration("entitlement_exhausted", last_day, f"claim:{self._claim_id}")
            return await self._finish()
        if self._placement is None and self._stop_decision is not None:
            # R-STOP-1: refusals without good reason, and a case manager accepted the proposal.
            decision = self._stop_decision
            await self._stop_claim(decision.reason, decision.effective_date, decision.proposal_id)
            self._enter(
                Stage.BENEFIT_STOPPED, "benefit_stopped", reason=decision.reason,
                effective_date=decision.effective_date.isoformat(),
            )
            await self._tell_employment_benefit_ended(decision.effective_date, "benefit_stopped")
            await self._close_registration(
                spell_end_for_stop(decision.reason), decision.effective_date, f"stop-proposal:{decision.proposal_id}"
            )
            return await self._finish()
        if self._placement is None and self._claim_stop is not None:
            # A case manager stopped the claim at the benefits service: nothing left to pay.
            stop = self._claim_stop
            self._enter(
                Stage.BENEFIT_STOPPED, "claim_stopped", reason=stop.reason,
                effective_date=stop.effective_date.isoformat(),
            )
            await self._tell_employment_benefit_ended(stop.effective_date, "benefit_stopped")
            await self._close_registration(
                spell_end_for_stop(stop.reason), stop.event_date or stop.effective_date, f"claim:{stop.claim_id}"
            )
            return await self._finish()

        # R-STOP-1: re-employment stops benefit from the hire date.
        placement = self._placement
        assert placement is not None
        self._record("placement_recorded", placement_id=placement.placement_id)
        await self._stop_claim("re_employment", placement.start_date, placement.placement_id)
        self._enter(Stage.REEMPLOYED, "benefit_stopped", effective_date=placement.start_date.isoformat())
        await self._close_registration("re_employed", placement.start_date, f"placement:{placement.placement_id}")
        return await self._finish()

    async def _employment_services_only(self, input: ClaimantJourneyInput) -> ClaimantJourneyResult:
        """R-SPELL-1: a residence registration (no insured separation: graduates, closed
        businesses) gets employment services and no claim (R-ELIG-1 needs an insured
        separation). It ends with a placement, or when the service point ends it."""
        self._enter(Stage.EMPLOYMENT_SERVICES, "no_claim", why="residence_registration_no_insured_separation")
        await self._register_job_seeker(RegisterJobSeekerInput(input.registration_id, on_benefit=False))
        await workflow.wait_condition(lambda: self._placement is not None or self._registration_end is not None)
        if self._placement is not None:
            placement = self._placement
            self._enter(Stage.REEMPLOYED, "placement_recorded", placement_id=placement.placement_id)
            await self._close_registration("re_employed", placement.start_date, f"placement:{placement.placement_id}")
        else:
            ended = self._registration_end
            assert ended is not None
            self._enter(Stage.REGISTRATION_ENDED, "registration_ended", reason=ended.reason)
            self._closed = CloseRegistrationInput(input.registration_id, ended.ended_on, ended.reason, "service_point")
        return await self._finish()

    @workflow.signal(name=SIGNAL_CLAIM_DECIDED)
    def claim_decided(self, decision: ClaimDecided) -> None:
        # Signals may arrive twice (outbox relay retries): the first decision stands.
        if self._decision is None:
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
        try:
            award = await workflow.execute_activity_method(
                JourneyActivities.award_subsidy,
                AwardSubsidyInput(
                    claim_id=self._claim_id,
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

    def _benefit_ended(self) -> bool:
        return (
            self._placement is not None
            or self._claim_stop is not None
            or self._stop_decision is not None
        )

    def _end_date(self) -> dt.date:
        """The earliest known end of the benefit: a hire date or a stop's effective date."""
        ends = []
        if self._placement is not None:
            ends.append(self._placement.start_date)
        if self._claim_stop is not None:
            ends.append(self._claim_stop.effective_date)
        if self._stop_decision is not None:
            ends.append(self._stop_decision.effective_date)
        return min(ends)

    async def _benefit_period(self, input: ClaimantJourneyInput) -> bool:
        """Pay month by month (R-PAY-1). True when the entitlement ran out, False when a
        placement or a stop by the benefits service ended it."""
        if self._benefit_ended():
            # Ended before the first payment: month 1 is still due when the end falls after
            # its start (R-START; the benefits service settles the days after the end).
            first_start = benefit_month_start(self._benefit_start, 1)
            if workflow.patched(PATCH_PAY_UNTIL_END) and self._end_date() > first_start:
                await self._pay(1)
            return False
        if not await self._pay(1):
            return await self._until_benefit_ends()
        await self._register_job_seeker(RegisterJobSeekerInput(input.registration_id))
        month = 1
        while True:
            next_start = start_of_day(benefit_month_start(self._benefit_start, month + 1))
            if await self._wait_until(self._benefit_ended, next_start):
                return False
            if month >= self._entitlement_months:
                return True
            month += 1
            if workflow.patched(PATCH_MONTHLY_REPORT) and not await self._monthly_report_in(input, month):
                return False
            if not await self._pay(month):
                return await self._until_benefit_ends()

    async def _until_benefit_ends(self) -> bool:
        """A payment was refused (the claim stopped at the benefits service, whose signal is on
        its way, or a case that needs a person): nothing more is paid until the benefit ends."""
        await workflow.wait_condition(self._benefit_ended)
        return False

    async def _register_job_seeker(self, request: RegisterJobSeekerInput) -> None:
        registered = await self._refusable(
            JourneyActivities.register_job_seeker, request, "job_seeker_not_registered"
        )
        if registered is not REFUSED:
            self._job_seeker_id = registered.job_seeker_id
            self._record("job_seeker_registered", job_seeker_id=registered.job_seeker_id)

    async def _monthly_report_in(self, input: ClaimantJourneyInput, month: int) -> bool:
        """R-MON-1: month ``month`` is paid only once the job-search report for the calendar month
        in which the previous benefit month began is in; until then it is withheld.
        False if the benefit ends first."""
        required = calendar_month(benefit_month_start(self._benefit_start, month - 1))
        if required not in self._reports:
            self._record("payment_withheld", benefit_month=str(month), missing_report_month=required)
            reported_or_ended = lambda: required in self._reports or self._benefit_ended()  # noqa: E731
            if workflow.patched(PATCH_MISSED_REPORT_TERMINATION):
                await self._propose_termination_if_still_missing(month, required, reported_or_ended)
            await workflow.wait_condition(reported_or_ended)
            if required not in self._reports:
                return False
        return True

    async def _propose_termination_if_still_missing(self, month: int, required: str, done) -> None:  # noqa: ANN001
        """R-MON-1 province option: a suspension lasting the policy's months becomes a termination
        — proposed to a case manager (who stops the claim at the benefits service), never
        decided here."""
        withheld_from = benefit_month_start(self._benefit_start, month)
        rule = await self._refusable(
            JourneyActivities.missed_report_rule,
            MissedReportRuleInput(district=self._input.district, on=withheld_from),
            "missed_report_rule_unknown",
        )
        if rule is REFUSED or not rule.termination_months:
            return
        deadline = start_of_day(add_months(withheld_from, rule.termination_months))
        if not await self._wait_until(done, deadline) and not self._stop_proposed:
            self._stop_proposed = True
            self._record("stop_proposed", reason="missed_reports", missing_report_month=required)

    async def _pay(self, month: int) -> bool:
        """Month ``month``'s benefit and medical premium; False if the benefit was refused."""
        assert self._claim_id is not None
        paid = await self._refusable(
            JourneyActivities.record_payment,
            RecordPaymentInput(claim_id=self._claim_id, benefit_month=month),
            "payment_refused",
            benefit_month=str(month),
        )
        if paid is REFUSED:
            return False
        self._months_paid = month
        self._record("payment_recorded", benefit_month=str(month), payment_id=paid.payment_id)
        if workflow.patched(PATCH_MEDICAL_PREMIUM):
            # R-MED-1: the fund pays the person's medical-insurance premium for each month of benefit.
            premium = await self._refusable(
                JourneyActivities.record_payment,
                RecordPaymentInput(claim_id=self._claim_id, benefit_month=month, kind="medical_premium"),
                "medical_premium_refused",
                benefit_month=str(month),
            )
            if premium is not REFUSED:
                self._record("medical_premium_recorded", benefit_month=str(month), payment_id=premium.payment_id)
        return True

    async def _refusable(self, activity, request, refused_event: str, **detail: str):  # noqa: ANN001, ANN202
        """Run a service call; a business refusal (final, never retried) is recorded as
        ``refused_event`` with the service's code for a case manager, and REFUSED returned."""
        try:
            return await workflow.execute_activity_method(activity, request, **SERVICE_CALL)
        except ActivityError as err:
            code = refusal_code(err)
            if code is None or not workflow.patched(PATCH_REFUSALS_ARE_FINAL):
                raise
            self._record(refused_event, code=code, **detail)
            return REFUSED

    async def _wait_until(self, condition, deadline: dt.datetime) -> bool:  # noqa: ANN001
        """Wait for ``condition`` until ``deadline``; True if it held in time."""
        remaining = deadline - workflow.now()
        if remaining <= dt.timedelta(0):
            return bool(condition())
        try:
            await workflow.wait_condition(condition, timeout=remaining)
        except asyncio.TimeoutError:
            return False
        return True

    def _enter(self, stage: Stage, event: str, **detail: str) -> None:
        self._stage = stage
        workflow.upsert_search_attributes([STAGE_KEY.value_set(stage.value)])
        self._record(event, **detail)

    def _record(self, event: str, **detail: str) -> None:
        self._steps.append(JourneyStep(at=workflow.now(), stage=self._stage, event=event, detail=detail))

    async def _stop_claim(self, reason: str, effective_date: dt.date, evidence_ref: str) -> None:
        """Has the benefits service stop the claim from ``effective_date`` (R-STOP-1)."""
        assert self._claim_id is not None
        await self._refusable(
            JourneyActivities.stop_benefit,
            StopBenefitInput(self._claim_id, reason, effective_date, evidence_ref),
            "stop_refused",
        )

    async def _tell_employment_benefit_ended(self, ended_on: dt.date, reason: str) -> None:
        """So the employment service counts who drew benefit exactly (its statistics)."""
        if self._job_seeker_id is None or not workflow.patched(PATCH_TELL_BENEFIT_END):
            return
        try:
            await workflow.execute_activity_method(
                JourneyActivities.record_benefit_end,
                RecordBenefitEndInput(self._job_seeker_id, ended_on, reason),
                **SERVICE_CALL,
            )
        except ActivityError as err:
            # Statistics only: the journey still ends; operations see why in its history.
            self._record("benefit_end_not_recorded", error=str(err.cause or err))

    async def _close_registration(self, reason: str, ended_on: dt.date, evidence_ref: str) -> None:
        """R-SPELL-1: the journey's end is the spell's end; the person may then register again. A
        spell ends no earlier than it began (a hire dated before the registration ends it then)."""
        if not workflow.patched(PATCH_CLOSE_REGISTRATION):
            return
        ended_on = max(ended_on, self._input.registration_date)
        closing = CloseRegistrationInput(self._input.registration_id, ended_on, reason, evidence_ref)
        if await self._refusable(JourneyActivities.close_registration, closing, "registration_not_closed") is REFUSED:
            return
        self._closed = closing
        self._record("registration_closed", reason=reason, ended_on=ended_on.isoformat())

    async def _finish(self) -> ClaimantJourneyResult:
        # A subsidy award started by a signal may still be running: let it end first.
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._result()

    def _result(self) -> ClaimantJourneyResult:
        return ClaimantJourneyResult(
            stage=self._stage, claim_id=self._claim_id, months_paid=self._months_paid
        )
