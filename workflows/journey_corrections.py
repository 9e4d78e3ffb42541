"""The claimant journey told of a corrected decision (R-CORR-1, or an appeal's "changed" outcome,
R-APPEAL-1): the benefit period runs to the corrected number of months, counted from the
corrected start. The amount is not the journey's: the benefits service takes it from the claim
when it records each month's payment. Workflow code only: deterministic, no I/O.

The corrected months take effect at the next month boundary the benefit period checks
(workflows/journey_payments.py reads ``_entitlement_months`` there): more months keep it paying,
fewer end it once the months paid reach them. A corrected start counts the months still to come
from it; the month already being waited for keeps its timer."""

from __future__ import annotations

from temporalio import workflow

from workflows.journey_base import PATCH_DECISION_CORRECTED, JourneyBase

with workflow.unsafe.imports_passed_through():
    from contracts.corrections import SIGNAL_DECISION_CORRECTED, DecisionCorrected
    from contracts.journey import ClaimantJourneyInput


class JourneyCorrections(JourneyBase):
    def __init__(self, input: ClaimantJourneyInput) -> None:
        super().__init__(input)
        self._corrections: set[str] = set()

    @workflow.signal(name=SIGNAL_DECISION_CORRECTED)
    def decision_corrected(self, corrected: DecisionCorrected) -> None:
        # A repeated signal (outbox retries) is a no-op; another claim's is not this journey's.
        if corrected.correction_id in self._corrections or corrected.claim_id != self._claim_id:
            return
        if not workflow.patched(PATCH_DECISION_CORRECTED):
            return
        self._corrections.add(corrected.correction_id)
        self._entitlement_months = corrected.entitlement_months
        self._benefit_start = corrected.benefit_start_date
        self._record(
            "decision_corrected",
            correction_id=corrected.correction_id,
            entitlement_months=str(corrected.entitlement_months),
            benefit_start_date=corrected.benefit_start_date.isoformat(),
        )
