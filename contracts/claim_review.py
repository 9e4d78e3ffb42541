"""The claim review's signals to the claimant journey (R-REV-1 with R-RFI-1 一次性告知): the
benefits service tells the journey that a case manager asked, once, for every missing document
(the review clock pauses; the journey waits until the supply deadline), and that the documents are
in (the review's 10 days count from the receipt). Internal IDs and dates only: the documents
themselves stay in the benefits service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from contracts.base import Signal

SIGNAL_DOCUMENTS_REQUESTED = "documents_requested"
SIGNAL_DOCUMENTS_RECEIVED = "documents_received"


@dataclass
class DocumentsRequested:
    claim_id: str
    request_id: str
    requested_at: dt.datetime
    # The last China day on which the documents may be supplied (inclusive); the claim is closed
    # as incomplete when it has passed (R-RFI-1).
    documents_due_on: dt.date


@dataclass
class DocumentsReceived:
    claim_id: str
    request_id: str
    received_at: dt.datetime
    # R-REV-1: the decision is due within 10 days of the receipt of complete materials.
    review_due_at: dt.datetime


DOCUMENTS_REQUESTED = Signal(SIGNAL_DOCUMENTS_REQUESTED, DocumentsRequested)
DOCUMENTS_RECEIVED = Signal(SIGNAL_DOCUMENTS_RECEIVED, DocumentsReceived)
SIGNALS = (DOCUMENTS_REQUESTED, DOCUMENTS_RECEIVED)
