"""The appeal contract (行政复议 / 行政诉讼, R-APPEAL-1, R-NOTICE-1): the signals the benefits
service sends the claimant journey about a written decision's delivery and the appeals against it,
and the time limits both sides count with (one copy, no Temporal imports).

Internal IDs, dates, codes and amounts only: no names, ID numbers or case files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from contracts.base import Signal
from contracts.calendar import add_months

# 行政复议法 (2023) art. 20: apply within 60 days of learning of the act.
RECONSIDERATION_DAYS = 60
# 行政诉讼法 art. 46: sue within 6 months.
LITIGATION_MONTHS = 6
# R-NOTICE-1 (行政复议法 art. 21, 行政诉讼法 art. 46): a notice that omits the rights leaves at most
# one year from learning of the decision.
WITHOUT_RIGHTS_MONTHS = 12
# R-APPEAL-1 (行政复议法 art. 48): the agency files its written reply and evidence within 10 days
# of receiving the application copy.
REPLY_DAYS = 10

RECONSIDERATION = "reconsideration"  # 行政复议
LITIGATION = "litigation"  # 行政诉讼
APPEAL_KINDS = (RECONSIDERATION, LITIGATION)

SIGNAL_REJECTION_DELIVERED = "rejection_delivered"
SIGNAL_APPEAL_LODGED = "appeal_lodged"
SIGNAL_APPEAL_DECIDED = "appeal_decided"


def lodging_deadline(
    kind: str, *, decided_on: dt.date, delivered_on: dt.date | None, appeal_rights_included: bool
) -> dt.date:
    """The last day to apply for ``kind`` against a written decision.

    Before any delivery is recorded: one year from the decision date. The person cannot have
    learned of the decision before it was made, and with no delivery on record the agency cannot
    show when they did, so the 60-day and 6-month limits cannot be held against them; what is left
    is R-NOTICE-1's outer cap of one year, counted from the one date the agency knows."""
    if delivered_on is None:
        return add_months(decided_on, WITHOUT_RIGHTS_MONTHS)
    if not appeal_rights_included:
        return add_months(delivered_on, WITHOUT_RIGHTS_MONTHS)
    if kind == RECONSIDERATION:
        return delivered_on + dt.timedelta(days=RECONSIDERATION_DAYS)
    return add_months(delivered_on, LITIGATION_MONTHS)


def appeal_window_end(*, decided_on: dt.date, delivered_on: dt.date | None, appeal_rights_included: bool) -> dt.date:
    """The last day on which either appeal may still be lodged: the later of the two limits."""
    return max(
        lodging_deadline(
            kind, decided_on=decided_on, delivered_on=delivered_on, appeal_rights_included=appeal_rights_included
        )
        for kind in APPEAL_KINDS
    )


def reply_due_on(received_on: dt.date) -> dt.date:
    """R-APPEAL-1: the agency's reply and evidence are due 10 days after it received the copy."""
    return received_on + dt.timedelta(days=REPLY_DAYS)


@dataclass
class RejectionDelivered:
    """A claim rejection's written decision, or a claim's closure as incomplete (R-RFI-1), reached
    the person (R-NOTICE-1): the appeal window counts from ``delivered_on``."""

    claim_id: str
    notice_id: str
    delivered_on: dt.date
    appeal_rights_included: bool
    # The decision_notices kind: "claim_rejected" (the default: signals sent before closures had
    # a window carry none) or "claim_closed_incomplete".
    notice_kind: str = "claim_rejected"


@dataclass
class AppealLodged:
    """An appeal against a written decision was recorded (the agency received the copy)."""

    appeal_id: str
    claim_id: str
    notice_id: str
    notice_kind: str  # the decision_notices kind, e.g. "claim_rejected"
    kind: str  # RECONSIDERATION | LITIGATION
    lodged_on: dt.date


@dataclass
class AppealDecided:
    """The reconsideration body's or the court's outcome, carried out by the benefits service:
    upheld | revoked | changed | declared_unlawful | redecide."""

    appeal_id: str
    claim_id: str
    notice_kind: str
    outcome: str
    decided_on: dt.date
    # The China date the agency carried it out (a revoked rejection: the claim approved that day).
    carried_out_on: dt.date
    # A revoked rejection: the entitlement as the normal approval computes it, from R-START.
    entitlement_months: int = 0
    benefit_start_date: dt.date | None = None
    # redecide: the new R-REV-1 deadline (10 days from the outcome's receipt).
    review_due_at: dt.datetime | None = None


REJECTION_DELIVERED = Signal(SIGNAL_REJECTION_DELIVERED, RejectionDelivered)
APPEAL_LODGED = Signal(SIGNAL_APPEAL_LODGED, AppealLodged)
APPEAL_DECIDED = Signal(SIGNAL_APPEAL_DECIDED, AppealDecided)
SIGNALS = (REJECTION_DELIVERED, APPEAL_LODGED, APPEAL_DECIDED)
