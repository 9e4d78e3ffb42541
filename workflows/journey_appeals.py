"""A rejected claim's journey through its appeal window (R-APPEAL-1, R-NOTICE-1): the 失业登记
stays open while the rejection can still be challenged, and an appeal's outcome decides how the
journey goes on. Workflow code only: deterministic, no I/O.

- The window ends on the later of 60 days (行政复议) and 6 months (行政诉讼) from the rejection
  notice's delivery; 1 year from it when the notice lacked the appeal rights; 1 year from the
  decision while no delivery is recorded (contracts/appeals.py says why). The benefits service
  signals the delivery, and the durable timer moves with it (a wait with a recomputed timeout,
  no polling).
- An appeal lodged: the journey waits for its outcome. Revoked: the claim was approved from its
  original start date; the benefit period runs from there, the months already due paid at once
  (arrears, 补发; each once, the payments being keyed by claim, month and kind), then the monthly
  cycle on its timers. Redecide: back to waiting for a case manager's decision. Upheld, declared
  unlawful, or the window passed with no appeal: the registration closes (claim_rejected).

A claim closed as incomplete (R-RFI-1) waits the same way: its closure notice carries the appeal
rights, so the registration stays open through that notice's window (its delivery moves the timer
as a rejection's does) and closes (claim_incomplete, the closure date) when it passes with no
appeal or the closure is upheld. A closure revoked, or an order to decide again, returns the claim
to review: the journey waits for the case manager's decision, then goes on as after any decision
(an approval pays from R-START, a rejection has its own window).

R-MON-1 after a reopening: a benefit month is withheld for a missing job-search report of the
calendar month in which the previous benefit month began. While the claim stood rejected the
person was not on benefit and not registered as a job seeker, so could not report: a benefit month
whose previous month began before the reopening date is paid without that report (the event
``paid_without_report`` says so). From the reopening on the person is registered as a job seeker
(as the approval path does) and the rule applies as usual.
"""

from __future__ import annotations

import datetime as dt

from temporalio import workflow

from workflows.journey_ends import JourneyEnds
from workflows.journey_payments import BenefitPayments

with workflow.unsafe.imports_passed_through():
    from contracts.appeals import (
        SIGNAL_APPEAL_DECIDED,
        SIGNAL_APPEAL_LODGED,
        SIGNAL_REJECTION_DELIVERED,
        AppealDecided,
        AppealLodged,
        RejectionDelivered,
        appeal_window_end,
    )
    from contracts.calendar import benefit_month_start
    from contracts.journey import REVIEW_OVERDUE_KEY, ClaimantJourneyInput, ClaimDecided, Stage
    from shared.clock import china_date
    from shared.clock import start_of_china_day as start_of_day

REJECTION = "claim_rejected"  # the decision_notices kind an appeal of the journey's window is against
CLOSURE = "claim_closed_incomplete"  # R-RFI-1: the closure's notice, with its own window
CLOSING_OUTCOMES = ("upheld", "declared_unlawful")


class JourneyAppeals(BenefitPayments, JourneyEnds):
    def __init__(self, input: ClaimantJourneyInput) -> None:
        super().__init__(input)
        self._rejection_delivery: RejectionDelivered | None = None
        self._closure_delivery: RejectionDelivered | None = None
        # The notice kind whose appeal window the journey is in.
        self._window_kind = REJECTION
        self._appeals: dict[str, AppealLodged] = {}
        self._appeal_outcomes: dict[str, AppealDecided] = {}
        self._outcomes_handled: set[str] = set()
        # Decisions an order to decide again set aside: a late repeat of one is not the new one.
        self._superseded: list[ClaimDecided] = []
        # The China date an appeal reopened the claim (R-MON-1 above); None otherwise.
        self._reopened_on: dt.date | None = None

    @workflow.signal(name=SIGNAL_REJECTION_DELIVERED)
    def rejection_delivered(self, delivered: RejectionDelivered) -> None:
        if delivered.notice_kind == CLOSURE:
            if self._closure_delivery is None:
                self._closure_delivery = delivered
                self._record("closure_delivered", notice_id=delivered.notice_id, delivered_on=delivered.delivered_on.isoformat())
            return
        if self._rejection_delivery is None:
            self._rejection_delivery = delivered
            self._record("rejection_delivered", notice_id=delivered.notice_id, delivered_on=delivered.delivered_on.isoformat())

    @workflow.signal(name=SIGNAL_APPEAL_LODGED)
    def appeal_lodged(self, lodged: AppealLodged) -> None:
        if lodged.appeal_id not in self._appeals:
            self._appeals[lodged.appeal_id] = lodged
            self._record("appeal_lodged", appeal_id=lodged.appeal_id, kind=lodged.kind, notice_kind=lodged.notice_kind)

    @workflow.signal(name=SIGNAL_APPEAL_DECIDED)
    def appeal_decided(self, decided: AppealDecided) -> None:
        if decided.appeal_id in self._appeal_outcomes:
            return
        self._appeal_outcomes[decided.appeal_id] = decided
        self._record("appeal_decided", appeal_id=decided.appeal_id, outcome=decided.outcome)
        if decided.outcome == "redecide" and decided.notice_kind == REJECTION and self._decision is not None:
            # Set aside here, not in the run: the new decision's signal may follow in the same
            # workflow task, and the first decision a journey holds stands (claim_decided).
            self._superseded.append(self._decision)
            self._decision = None

    def _is_superseded(self, decision: ClaimDecided) -> bool:
        return decision in self._superseded

    async def _through_appeal_window(self, decision: ClaimDecided) -> ClaimDecided:
        """The rejection ``decision`` through its appeal window: the approving decision when an
        appeal reopened the claim, else the rejection that stands, with the registration closed."""
        while True:
            self._enter(Stage.CLAIM_REJECTED, "claim_rejected", claim_id=decision.claim_id)
            decided_on = china_date(decision.decided_at or workflow.now())
            outcome = await self._appeal_outcome(decided_on)
            if outcome is None or outcome.outcome in CLOSING_OUTCOMES:
                await self._close_registration("claim_rejected", decided_on, f"claim:{decision.claim_id}")
                return decision
            if outcome.outcome == "revoked":
                self._reopened_on = outcome.carried_out_on
                self._record("rejection_revoked", appeal_id=outcome.appeal_id)
                return ClaimDecided(
                    claim_id=decision.claim_id, approved=True, entitlement_months=outcome.entitlement_months,
                    decided_at=workflow.now(), benefit_start_date=outcome.benefit_start_date,
                )
            decision = await self._decided_again(outcome)
            if decision.approved:
                self._reopened_on = china_date(decision.decided_at or workflow.now())
                return decision

    async def _appeal_outcome(self, decided_on: dt.date) -> AppealDecided | None:
        """The outcome of an appeal against the notice whose window is open (the rejection, or
        the closure as incomplete), or None when its window passed with none lodged. The window's timer is recomputed whenever a delivery moves its end."""
        while True:
            end = self._window_end(decided_on)
            self._record("appeal_window_open", ends_on=end.isoformat())
            moved = lambda end=end: self._window_end(decided_on) != end  # noqa: E731
            if not await self._wait_until(lambda: moved() or self._appeal_pending(), start_of_day(end + dt.timedelta(days=1))):
                self._record("appeal_window_passed", ended_on=end.isoformat())
                return None
            if not self._appeal_pending():
                continue  # the delivery moved the window's end: wait on the new one
            await workflow.wait_condition(lambda: self._next_outcome() is not None)
            outcome = self._next_outcome()
            assert outcome is not None
            self._outcomes_handled.add(outcome.appeal_id)
            if outcome.outcome in ("revoked", "redecide", *CLOSING_OUTCOMES):
                return outcome
            # changed (R-CORR-1) is not carried out on a rejection yet: the window goes on.
            self._record("appeal_outcome_not_carried_out", appeal_id=outcome.appeal_id, outcome=outcome.outcome)

    async def _through_closure_window(self, closed_on: dt.date, evidence_ref: str) -> ClaimDecided | None:
        """R-RFI-1 with R-APPEAL-1: a claim closed as incomplete through its notice's appeal window.
        None when the closure stands (the registration closed); else the claim went back to review
        and this is the case manager's new decision."""
        self._window_kind = CLOSURE
        outcome = await self._appeal_outcome(closed_on)
        self._window_kind = REJECTION
        if outcome is None or outcome.outcome in CLOSING_OUTCOMES:
            await self._close_registration("claim_incomplete", closed_on, evidence_ref)
            return None
        self._record("closure_set_aside", appeal_id=outcome.appeal_id, outcome=outcome.outcome)
        decision = await self._decided_again(outcome)
        if decision.approved:
            self._reopened_on = china_date(decision.decided_at or workflow.now())
        return decision

    def _window_end(self, decided_on: dt.date) -> dt.date:
        delivery = self._closure_delivery if self._window_kind == CLOSURE else self._rejection_delivery
        return appeal_window_end(
            decided_on=decided_on,
            delivered_on=delivery.delivered_on if delivery else None,
            appeal_rights_included=delivery.appeal_rights_included if delivery else False,
        )

    def _appeal_pending(self) -> bool:
        """An appeal against a rejection is lodged whose outcome the journey has not acted on."""
        return any(
            appeal.notice_kind == self._window_kind and appeal_id not in self._outcomes_handled
            for appeal_id, appeal in self._appeals.items()
        ) or self._next_outcome() is not None

    def _next_outcome(self) -> AppealDecided | None:
        for appeal_id, outcome in self._appeal_outcomes.items():
            if outcome.notice_kind == self._window_kind and appeal_id not in self._outcomes_handled:
                return outcome
        return None

    async def _decided_again(self, outcome: AppealDecided) -> ClaimDecided:
        """责令重新作出: the claim is back in review (R-REV-1 due 10 days from the outcome's
        receipt); the journey waits for the case manager's new decision. A new rejection starts
        its own window (no delivery of it is known yet)."""
        self._rejection_delivery = None
        due = outcome.review_due_at
        self._enter(Stage.CLAIM_REVIEW, "claim_to_be_decided_again", appeal_id=outcome.appeal_id)
        if due is not None and not await self._wait_until(lambda: self._decision is not None, due):
            self._review_overdue = True
            workflow.upsert_search_attributes([REVIEW_OVERDUE_KEY.value_set(True)])
            self._record("review_overdue", due_at=due.isoformat())
        await workflow.wait_condition(lambda: self._decision is not None)
        assert self._decision is not None
        return self._decision

    async def _monthly_report_in(self, input: ClaimantJourneyInput, month: int) -> bool:
        """R-MON-1, as the module's docstring decides for a reopened claim."""
        previous_start = benefit_month_start(self._benefit_start, month - 1)
        if self._reopened_on is not None and previous_start < self._reopened_on:
            self._record("paid_without_report", benefit_month=str(month), why="month_began_while_rejected")
            return True
        return await super()._monthly_report_in(input, month)

