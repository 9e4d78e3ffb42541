"""The claimant journey's state and the small steps every part of it takes: record an event, enter
a stage, make a service call that may be refused, wait for a condition until a deadline. Also the
IDs of the released workflow's patches. Workflow code only: deterministic, no I/O.

``ClaimantJourney`` (workflows/journey.py) is this base with its two parts: the benefit payments
(workflows/journey_payments.py) and the ways a journey ends (workflows/journey_ends.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from contracts.journey import (
        STAGE_KEY,
        ClaimantJourneyInput,
        ClaimDecided,
        ClaimStopped,
        JourneyStep,
        PlacementRecorded,
        RegistrationEnded,
        Stage,
        StopDecided,
    )
    from workflows.activities import JourneyActivities
    from workflows.messages import CloseRegistrationInput, RegisterJobSeekerInput
    from workflows.service_calls import SERVICE_CALL, refusal_code

# Changes to the released workflow, guarded for histories recorded before them.
PATCH_MONTHLY_REPORT = "r-mon-1-monthly-report"
PATCH_PAY_UNTIL_END = "pay-first-month-until-end-date"
PATCH_MEDICAL_PREMIUM = "r-med-1-medical-premium"
PATCH_MISSED_REPORT_TERMINATION = "r-mon-1-missed-report-termination"
PATCH_TELL_BENEFIT_END = "tell-employment-benefit-end"
PATCH_CLOSE_REGISTRATION = "r-spell-1-close-registration"
PATCH_RESIDENCE_REGISTRATION = "r-spell-1-residence-registration"
PATCH_REFUSALS_ARE_FINAL = "service-refusals-are-final"
# R-CORR-1: a corrected decision's months and start (workflows/journey_corrections.py).
PATCH_DECISION_CORRECTED = "r-corr-1-decision-corrected"
# R-APPEAL-1 / R-NOTICE-1: a rejected claim's journey stays open through its appeal window
# (workflows/journey_appeals.py).
PATCH_APPEAL_WINDOW = "r-appeal-1-appeal-window"
PATCH_DOCUMENT_REQUESTS = "r-rfi-1-document-requests"
# R-RFI-1 with R-APPEAL-1: a claim closed as incomplete waits through its notice's appeal window
# before the registration closes; a revoked closure returns the claim to review.
PATCH_CLOSURE_APPEAL_WINDOW = "r-rfi-1-closure-appeal-window"
# What a refused service call returns (a call may rightly return None).
REFUSED = object()


class JourneyBase:
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

    async def _register_job_seeker(self, request: RegisterJobSeekerInput) -> None:
        registered = await self._refusable(
            JourneyActivities.register_job_seeker, request, "job_seeker_not_registered"
        )
        if registered is not REFUSED:
            self._job_seeker_id = registered.job_seeker_id
            self._record("job_seeker_registered", job_seeker_id=registered.job_seeker_id)

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
