"""One-time notice of missing documents (R-RFI-1 一次性告知): a case manager lists every missing
document at once, once per claim still under review; the applicant is told in writing with the
supply deadline (the request date + the province's days, an effective-dated policy); the review
clock (R-REV-1) is paused until the documents are in, and then counts its 10 days from the
receipt. Past the deadline the journey closes the claim as incomplete, with its own notice. The
journey is told through the outbox (contracts/claim_review.py). Owns each transaction."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.claim_review import DOCUMENTS_RECEIVED, DOCUMENTS_REQUESTED, DocumentsReceived, DocumentsRequested
from contracts.journey import claimant_journey_id
from services.benefits.claims.schemas import ClaimStatus
from services.benefits.claims.service import get_visible
from services.benefits.document_requests import repository
from services.benefits.document_requests.schemas import (
    DocumentRequestCreate,
    DocumentRequestRead,
    DocumentSupplyPolicyCreate,
    DocumentSupplyPolicyRead,
    RequestedDocument,
    RequestStatus,
)
from services.benefits.notices import documents as notice_documents
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from services.benefits.policy.service import missing_policy
from shared.auth import Principal
from shared.clock import Moment
from shared.errors import Conflict, NotFound
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue
from shared.results import Written

REQUEST_NOT_FOUND = NotFound("document_request_not_found", "未找到该补正材料告知", "request_id")
ALREADY_REQUESTED = Conflict(
    "documents_already_requested",
    "该申领已一次性告知过需补正的全部材料, 不能再次要求补正 (一次性告知, R-RFI-1)",
    "claim_id",
)


async def _read(conn: asyncpg.Connection, row: asyncpg.Record) -> DocumentRequestRead:
    docs = [RequestedDocument(kind=d["kind"], description=d["description"]) for d in await repository.documents(conn, row["id"])]
    return DocumentRequestRead(**dict(row), documents=docs)


async def _visible_request(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, request_id: uuid.UUID
) -> tuple[asyncpg.Record, asyncpg.Record]:
    """The claim (locked) and its request, as this person may see them."""
    claim = await get_visible(conn, principal, claim_id, for_update=True)
    request = await repository.get(conn, request_id, for_update=True)
    if request is None or request["claim_id"] != claim_id:
        raise REQUEST_NOT_FOUND
    return claim, request


async def request_documents(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: DocumentRequestCreate,
    relay: OutboxRelay,
    now: Moment,
    letterhead: Letterhead,
) -> DocumentRequestRead:
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id, for_update=True)
        if await repository.for_claim(conn, claim_id):
            raise ALREADY_REQUESTED
        if claim["status"] != ClaimStatus.PENDING_REVIEW.value:
            raise Conflict("claim_not_pending_review", "只有待审核的申领才能要求补正材料", "claim_id")
        policy = await repository.supply_policy_in_force(conn, claim["district"], now.today)
        if policy is None:
            raise missing_policy("document_supply_days", claim["district"], now.today)
        await repository.mark_policy_used(conn, policy["id"])
        request_id, due_on = uuid.uuid4(), now.today + dt.timedelta(days=policy["supply_days"])
        await repository.insert_request(
            conn, request_id=request_id, claim_id=claim_id, requested_by=principal.subject,
            requested_at=now.instant, requested_on=now.today, supply_policy_id=policy["id"], due_on=due_on,
            paused_review_due_at=claim["review_due_at"],
            documents=[(d.kind.value, d.description) for d in data.documents],
        )
        await repository.pause_review(conn, claim_id, now.instant, due_on)
        request = await repository.get(conn, request_id)
        docs = await repository.documents(conn, request_id)
        document = notice_documents.documents_requested(str(uuid.uuid4()), claim, request, docs, now.today)
        await issue(conn, letterhead, principal, document, str(request_id))
        signal = DocumentsRequested(str(claim_id), str(request_id), now.instant, due_on)
        outbox_id = await _signal(conn, claim, DOCUMENTS_REQUESTED, signal, str(request_id))
        read = await _read(conn, request)
    await relay.dispatch([outbox_id])
    return read


async def record_receipt(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    request_id: uuid.UUID,
    relay: OutboxRelay,
    now: Moment,
    review_days: int,
) -> DocumentRequestRead:
    """All the documents are in: R-REV-1's 10 days count from now. Repeated: the same answer."""
    outbox_ids: list[int | None] = []
    async with conn.transaction():
        claim, request = await _visible_request(conn, principal, claim_id, request_id)
        status = RequestStatus(request["status"])
        if status is RequestStatus.CLOSED_INCOMPLETE:
            raise Conflict("claim_closed_incomplete", "补正期限已过, 该申领已终止办理", "request_id")
        if status is RequestStatus.AWAITING:
            await repository.record_receipt(
                conn, request_id, claim_id, by=principal.subject, at=now.instant, review_days=review_days
            )
            request = await repository.get(conn, request_id)
            signal = DocumentsReceived(str(claim_id), str(request_id), now.instant, request["review_due_at"])
            outbox_ids.append(await _signal(conn, claim, DOCUMENTS_RECEIVED, signal, str(request_id)))
        read = await _read(conn, request)
    await relay.dispatch(outbox_ids)
    return read


async def close_incomplete(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    request_id: uuid.UUID,
    now: Moment,
    letterhead: Letterhead,
) -> DocumentRequestRead:
    """The journey, past the supply deadline: the claim is closed as incomplete, with its notice.
    Refused once the documents came, or before the deadline has passed. Repeated: the same answer."""
    async with conn.transaction():
        claim, request = await _visible_request(conn, principal, claim_id, request_id)
        status = RequestStatus(request["status"])
        if status is RequestStatus.RECEIVED:
            raise Conflict("documents_received", "补正材料已收齐, 不能按材料不全终止办理", "request_id")
        if status is RequestStatus.AWAITING:
            if now.today <= request["due_on"]:
                raise Conflict("supply_deadline_not_passed", "补正期限尚未届满", "request_id")
            await repository.record_closure(conn, request_id, claim_id, by=principal.subject, at=now.instant)
            closed = await get_visible(conn, principal, claim_id)
            docs = await repository.documents(conn, request_id)
            document = notice_documents.claim_closed_incomplete(str(uuid.uuid4()), closed, request, docs, now.today)
            await issue(conn, letterhead, principal, document, str(request_id))
            request = await repository.get(conn, request_id)
        read = await _read(conn, request)
    return read


async def list_for_claim(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> list[DocumentRequestRead]:
    await get_visible(conn, principal, claim_id)
    return [await _read(conn, row) for row in await repository.for_claim(conn, claim_id)]


async def _signal(conn: asyncpg.Connection, claim: asyncpg.Record, signal, payload, event_key: str) -> int | None:  # noqa: ANN001
    return await enqueue(
        conn,
        SignalWorkflow(claimant_journey_id(claim["registration_id"]), signal, payload, event_key=event_key),
    )


# --- the supply-deadline policy (R-RFI-1) --------------------------------------------------------


async def add_supply_policy(
    conn: asyncpg.Connection, principal: Principal, data: DocumentSupplyPolicyCreate
) -> Written[DocumentSupplyPolicyRead]:
    async with conn.transaction():
        row, created = await repository.insert_policy(conn, {**data.model_dump(), "created_by": principal.subject})
    read = DocumentSupplyPolicyRead(**dict(row))
    if not created and (read.effective_to, read.supply_days, read.source) != (data.effective_to, data.supply_days, data.source):
        raise Conflict(
            "policy_row_exists",
            "该地区在该生效日期已有不同的补正期限; 政策变化请新增一条生效日期更晚的记录",
            "effective_from",
        )
    return Written(read, created)


async def list_supply_policies(conn: asyncpg.Connection, area_code: str | None) -> list[DocumentSupplyPolicyRead]:
    return [DocumentSupplyPolicyRead(**dict(r)) for r in await repository.list_policies(conn, area_code)]


async def supply_policy_in_force(conn: asyncpg.Connection, district: str, on: dt.date) -> DocumentSupplyPolicyRead:
    row = await repository.supply_policy_in_force(conn, district, on)
    if row is None:
        raise missing_policy("document_supply_days", district, on)
    return DocumentSupplyPolicyRead(**{k: row[k] for k in DocumentSupplyPolicyRead.model_fields})
