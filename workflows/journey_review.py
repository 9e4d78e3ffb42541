"""The claim review with the one-time notice of missing documents (R-REV-1 with R-RFI-1): the
journey waits for the case manager's decision with the 10-day review timer; a request for every
missing document pauses that timer (no overdue flag) and sets a durable timer at the province's
supply deadline instead; the receipt of the documents moves the review deadline to the receipt + 10
days and the wait goes on; at the supply deadline the journey has the benefits service close the
claim as incomplete, and ends like a rejected claim (the 失业登记 closes). Signals may arrive twice,
or out of order: the first of each kind stands. Workflow code only: deterministic, no I/O."""

from __future__ import annotations

import datetime as dt

from temporalio import workflow

from workflows.journey_base import REFUSED

# A closure refused at the deadline (the receipt's signal on its way, clocks a moment apart) is
# asked for again after this, unless the receipt or a decision comes first.
CLOSURE_RETRY = dt.timedelta(hours=1)
from workflows.journey_ends import JourneyEnds

with workflow.unsafe.imports_passed_through():
    from contracts.claim_review import (
        SIGNAL_DOCUMENTS_RECEIVED,
        SIGNAL_DOCUMENTS_REQUESTED,
        DocumentsReceived,
        DocumentsRequested,
    )
    from contracts.journey import (
        REVIEW_OVERDUE_KEY,
        ClaimantJourneyInput,
        ClaimantJourneyResult,
        ClaimDecided,
        Stage,
    )
    from shared.clock import china_date, start_of_china_day
    from workflows.activities import JourneyActivities
    from workflows.messages import CloseIncompleteClaimInput, OpenClaimResult


class JourneyReview(JourneyEnds):
    def __init__(self, input: ClaimantJourneyInput) -> None:
        super().__init__(input)
        self._documents_requested: DocumentsRequested | None = None
        self._documents_received: DocumentsReceived | None = None
        self._closed_incomplete = False

    async def _review(self, opened: OpenClaimResult) -> ClaimDecided | None:
        """The case manager's decision, or None when the claim was closed as incomplete."""
        while self._decision is None:
            phase = self._review_phase()

            def moved(phase: tuple[bool, bool] = phase) -> bool:
                return self._decision is not None or self._review_phase() != phase

            if self._awaiting_documents():
                # R-RFI-1: the review clock stands still while the documents are awaited.
                self._set_review_overdue(False)
                if not await self._wait_until(moved, self._supply_deadline()):
                    if await self._close_incomplete():
                        return None
                    # Refused: the documents came (their signal follows); else asked again later.
                    await self._wait_until(moved, workflow.now() + CLOSURE_RETRY)
            elif self._review_overdue:
                await workflow.wait_condition(moved)
            elif not await self._wait_until(moved, self._review_due_at(opened)):
                # R-REV-1: past the deadline the case is flagged; the journey keeps waiting.
                self._set_review_overdue(True, self._review_due_at(opened))
        return self._decision

    def _review_phase(self) -> tuple[bool, bool]:
        return self._documents_requested is not None, self._documents_received is not None

    def _awaiting_documents(self) -> bool:
        return self._documents_requested is not None and self._documents_received is None

    def _review_due_at(self, opened: OpenClaimResult) -> dt.datetime:
        """R-REV-1: 10 days from accepting the claim, or from the receipt of complete materials."""
        received = self._documents_received
        return received.review_due_at if received is not None else opened.review_due_at

    def _supply_deadline(self) -> dt.datetime:
        """The documents may come until the end of their due date (China time, R-TIME-1)."""
        requested = self._documents_requested
        assert requested is not None
        return start_of_china_day(requested.documents_due_on + dt.timedelta(days=1))

    def _set_review_overdue(self, overdue: bool, due_at: dt.datetime | None = None) -> None:
        """The searchable flag for operations: raised past the deadline, lowered while paused."""
        if self._review_overdue == overdue:
            return
        self._review_overdue = overdue
        workflow.upsert_search_attributes([REVIEW_OVERDUE_KEY.value_set(overdue)])
        if due_at is not None:
            self._record("review_overdue", due_at=due_at.isoformat())

    async def _close_incomplete(self) -> bool:
        """Has the benefits service close the claim as incomplete (R-RFI-1); False if refused."""
        requested = self._documents_requested
        assert requested is not None and self._claim_id is not None
        closing = CloseIncompleteClaimInput(self._claim_id, requested.request_id)
        closed = await self._refusable(
            JourneyActivities.close_incomplete_claim, closing, "claim_not_closed", request_id=requested.request_id
        )
        if closed is REFUSED:
            return False
        self._closed_incomplete = True
        return True

    async def _end_closed_incomplete(self) -> ClaimantJourneyResult:
        """R-SPELL-1: the spell ends with the closure (journeys from before
        PATCH_CLOSURE_APPEAL_WINDOW; later ones wait through the closure notice's appeal window
        first: workflows/journey_appeals.py)."""
        closed_on, evidence_ref = self._enter_closed_incomplete()
        await self._close_registration("claim_incomplete", closed_on, evidence_ref)
        return await self._finish()

    def _enter_closed_incomplete(self) -> tuple[dt.date, str]:
        """The stage of a claim closed as incomplete; returns the closure's China date and the
        evidence a registration closed for it refers to."""
        requested = self._documents_requested
        assert requested is not None
        self._enter(Stage.CLAIM_CLOSED_INCOMPLETE, "claim_closed_incomplete", claim_id=str(self._claim_id))
        return china_date(workflow.now()), f"document-request:{requested.request_id}"

    @workflow.signal(name=SIGNAL_DOCUMENTS_REQUESTED)
    def documents_requested(self, requested: DocumentsRequested) -> None:
        # R-RFI-1: one request per claim; a repeated signal (outbox retry) changes nothing.
        if self._documents_requested is not None:
            return
        self._documents_requested = requested
        self._record(
            "documents_requested", request_id=requested.request_id,
            documents_due_on=requested.documents_due_on.isoformat(),
        )

    @workflow.signal(name=SIGNAL_DOCUMENTS_RECEIVED)
    def documents_received(self, received: DocumentsReceived) -> None:
        if self._documents_received is not None:
            return
        self._documents_received = received
        self._record(
            "documents_received", request_id=received.request_id, review_due_at=received.review_due_at.isoformat()
        )
