"""What the benefits service tells the claimant journey when a decision is corrected (R-CORR-1)
or changed by a reconsideration body or a court (R-APPEAL-1): the corrected terms. Internal IDs,
dates and amounts only. The handler is workflows/journey_corrections.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from contracts.base import Signal

SIGNAL_DECISION_CORRECTED = "decision_corrected"


@dataclass
class DecisionCorrected:
    claim_id: str
    correction_id: str
    entitlement_months: int
    # The journey pays month by month; the benefits service takes each month's amount from the
    # claim when it records the payment, so the amount is here for the journey's record only.
    monthly_amount: Decimal
    benefit_start_date: dt.date


DECISION_CORRECTED = Signal(SIGNAL_DECISION_CORRECTED, DecisionCorrected)
SIGNALS = (DECISION_CORRECTED,)
