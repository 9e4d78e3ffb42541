"""The claimant journey's benefit period: month by month, each month's benefit and medical
premium (R-PAY-1, R-MED-1), withheld until the job-search report is in (R-MON-1), until the
entitlement runs out or a placement or a stop ends it. Workflow code only: deterministic, no I/O."""

from __future__ import annotations

import datetime as dt

from temporalio import workflow

from workflows.journey_base import (
    PATCH_MEDICAL_PREMIUM,
    PATCH_MISSED_REPORT_TERMINATION,
    PATCH_MONTHLY_REPORT,
    PATCH_PAY_UNTIL_END,
    REFUSED,
    JourneyBase,
)

with workflow.unsafe.imports_passed_through():
    from contracts.calendar import add_months, benefit_month_start, calendar_month
    from contracts.journey import ClaimantJourneyInput
    from shared.clock import start_of_china_day as start_of_day
    from workflows.activities import JourneyActivities
    from workflows.messages import MissedReportRuleInput, RecordPaymentInput, RegisterJobSeekerInput


class BenefitPayments(JourneyBase):
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
