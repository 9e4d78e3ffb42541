"""How a claimant journey ends, and with it the 失业登记 (R-SPELL-1): a rejected claim, the
entitlement used up, a stop (a case manager's decision or the benefits service's), a placement, or
employment services only (a residence registration). Workflow code only: deterministic, no I/O."""

from __future__ import annotations

import datetime as dt

from temporalio import workflow
from temporalio.exceptions import ActivityError

from workflows.journey_base import PATCH_CLOSE_REGISTRATION, PATCH_TELL_BENEFIT_END, REFUSED, JourneyBase

with workflow.unsafe.imports_passed_through():
    from contracts.calendar import benefit_month_start
    from contracts.journey import (
        ClaimantJourneyInput,
        ClaimantJourneyResult,
        ClaimDecided,
        ClaimStopped,
        Stage,
        StopDecided,
    )
    from shared.clock import china_date
    from workflows.activities import JourneyActivities
    from workflows.messages import (
        CloseRegistrationInput,
        RecordBenefitEndInput,
        RegisterJobSeekerInput,
        StopBenefitInput,
    )
    from workflows.service_calls import SERVICE_CALL
    from workflows.spell import spell_end_for_stop


class JourneyEnds(JourneyBase):
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

    async def _end_rejected(self, decision: ClaimDecided) -> ClaimantJourneyResult:
        self._enter(Stage.CLAIM_REJECTED, "claim_rejected", claim_id=decision.claim_id)
        # R-SPELL-1: the spell ends with the rejection (journeys from before PATCH_APPEAL_WINDOW;
        # later ones wait through the appeal window first: workflows/journey_appeals.py).
        decided_on = china_date(decision.decided_at or workflow.now())
        await self._close_registration("claim_rejected", decided_on, f"claim:{decision.claim_id}")
        return await self._finish()

    async def _end_exhausted(self) -> ClaimantJourneyResult:
        self._enter(Stage.ENTITLEMENT_EXHAUSTED, "entitlement_exhausted")
        end = benefit_month_start(self._benefit_start, self._entitlement_months + 1)
        last_day = end - dt.timedelta(days=1)
        await self._tell_employment_benefit_ended(last_day, "entitlement_exhausted")
        await self._close_registration("entitlement_exhausted", last_day, f"claim:{self._claim_id}")
        return await self._finish()

    async def _end_stop_decided(self, decision: StopDecided) -> ClaimantJourneyResult:
        """R-STOP-1: refusals without good reason, and a case manager accepted the proposal."""
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

    async def _end_claim_stopped(self, stop: ClaimStopped) -> ClaimantJourneyResult:
        """A case manager stopped the claim at the benefits service: nothing left to pay."""
        self._enter(
            Stage.BENEFIT_STOPPED, "claim_stopped", reason=stop.reason,
            effective_date=stop.effective_date.isoformat(),
        )
        await self._tell_employment_benefit_ended(stop.effective_date, "benefit_stopped")
        await self._close_registration(
            spell_end_for_stop(stop.reason), stop.event_date or stop.effective_date, f"claim:{stop.claim_id}"
        )
        return await self._finish()

    async def _end_reemployed(self) -> ClaimantJourneyResult:
        """R-STOP-1: re-employment stops benefit from the hire date."""
        placement = self._placement
        assert placement is not None
        self._record("placement_recorded", placement_id=placement.placement_id)
        await self._stop_claim("re_employment", placement.start_date, placement.placement_id)
        self._enter(Stage.REEMPLOYED, "benefit_stopped", effective_date=placement.start_date.isoformat())
        await self._close_registration("re_employed", placement.start_date, f"placement:{placement.placement_id}")
        return await self._finish()

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
