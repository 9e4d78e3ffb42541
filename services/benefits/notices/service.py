"""Written decisions (R-NOTICE-1), read, downloaded and delivered (issued by ``notices/issue.py``
inside the deciding command's transaction). The delivery date starts the appeal clock
(R-APPEAL-1: 行政复议 within 60 days, 行政诉讼 within 6 months; up to 1 year when the notice
lacked the appeal rights)."""

from __future__ import annotations

import asyncpg

from contracts.appeals import REJECTION_DELIVERED, RejectionDelivered
from contracts.journey import claimant_journey_id
from services.benefits.claims import repository as claims_repository
from services.benefits.claims.service import get_visible
from services.benefits.notices.repository import TABLES
from services.benefits.notices.schemas import DecisionNoticeRead
from shared.errors import NotFound
from shared.notices.service import WrittenDecisions
from shared.outbox import SignalWorkflow, enqueue

NOTICE_NOT_FOUND = NotFound("decision_notice_not_found", "未找到该决定书", "notice_id")

# The notices whose delivery starts an appeal window the journey keeps the registration open for.
WINDOW_NOTICE_KINDS = ("claim_rejected", "claim_closed_incomplete")


async def _signal_rejection_delivered(conn: asyncpg.Connection, row: asyncpg.Record) -> int | None:
    """R-NOTICE-1 / R-APPEAL-1: a rejection's delivery, or a closure's as incomplete (R-RFI-1),
    starts the appeal window the journey keeps open; it is told in the delivery's transaction."""
    if row["kind"] not in WINDOW_NOTICE_KINDS:
        return None
    claim = await claims_repository.get(conn, row["claim_id"])
    return await enqueue(conn, SignalWorkflow(
        workflow_id=claimant_journey_id(claim["registration_id"]),
        signal=REJECTION_DELIVERED,
        payload=RejectionDelivered(
            str(claim["id"]), str(row["id"]), row["delivered_on"], row["appeal_rights_included"], row["kind"]
        ),
        event_key=str(row["id"]),
    ))


# A notice of a claim in another district is not there for a service point (as the claim).
notices = WrittenDecisions(TABLES, DecisionNoticeRead, NOTICE_NOT_FOUND, get_visible, _signal_rejection_delivered)
to_read = notices.to_read
list_for_claim = notices.list_for
pdf_of = notices.pdf_of
record_delivery = notices.record_delivery
