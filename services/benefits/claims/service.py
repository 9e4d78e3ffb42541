"""Claim rules: opening (one per registration) with its evidence snapshot and eligibility
(R-ELIG-1, R-APP-1/2), and stops (R-STOP-1); the case manager's decision (R-REV-1) is in
``claims/decision.py``. Owns each transaction."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.journey import CLAIM_STOPPED, ClaimStopped, claimant_journey_id
from services.benefits.claims import repository
from services.benefits.claims.schemas import (
    ClaimCreate,
    ClaimRead,
    ClaimStatus,
    ClaimStopCreate,
)
from services.benefits.entitlement.assessment import Assessment, ClaimFacts, assess
from services.benefits.entitlement.rules import Condition
from services.benefits.entitlement.schemas import ClaimEvidence, ConditionStatus
from services.benefits.notices import documents
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from services.benefits.overpayments.settlement import settle_stop
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue
from shared.results import Written
from shared.validation import at_most_ahead

CLAIM_NOT_FOUND = NotFound("claim_not_found", "未找到该待遇申领", "claim_id")


def to_read(row: asyncpg.Record, now: Moment) -> ClaimRead:
    # R-REV-1: still pending after the review deadline, by the service's clock; R-RFI-1: never
    # while the review is paused for missing documents.
    overdue = (
        row["status"] == ClaimStatus.PENDING_REVIEW.value
        and row["review_paused_since"] is None
        and row["review_due_at"] < now.instant
    )
    return ClaimRead(**{k: row[k] for k in ClaimRead.model_fields if k != "review_overdue"}, review_overdue=overdue)


async def get_visible(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get(conn, claim_id, for_update=for_update)
    if row is None or not principal.sees_district(row["district"]):
        raise CLAIM_NOT_FOUND
    return row


def facts_of(row: asyncpg.Record) -> ClaimFacts:
    evidence = row["evidence"]
    return ClaimFacts(
        district=row["district"],
        registration_date=row["registration_date"],
        separation_date=row["separation_date"],
        separation_reason=row["separation_reason"],
        claim_date=row["claim_date"],
        evidence=ClaimEvidence.model_validate(evidence) if evidence is not None else None,
        person_id=row["person_id"],
        claim_id=row["id"],
    )


async def assess_for_record(conn: asyncpg.Connection, facts: ClaimFacts) -> Assessment:
    """Eligibility as far as it can be told now; a missing policy row makes it "unknown", not an
    error, so that the journey can always open its claim."""
    try:
        async with conn.transaction():
            return await assess(conn, facts, compute_amount=False)
    except DomainError as error:
        return Assessment(conditions=[Condition("policy", "R-ELIG-1", ConditionStatus.UNKNOWN, error.message)])


async def open_claim(
    conn: asyncpg.Connection, principal: Principal, data: ClaimCreate, review_days: int, now: Moment
) -> Written[ClaimRead]:
    claim_date = data.claim_date or now.today
    facts = ClaimFacts(
        district=data.district,
        registration_date=data.registration_date,
        separation_date=data.separation_date,
        separation_reason=data.separation_reason,
        claim_date=claim_date,
        evidence=data.evidence,
        person_id=data.person_id,
    )
    async with conn.transaction():
        assessment = await assess_for_record(conn, facts)
        inserted = await repository.insert_claim(
            conn,
            claim_id=uuid.uuid4(),
            registration_id=data.registration_id,
            person_id=data.person_id,
            district=data.district,
            registration_date=data.registration_date,
            separation_date=data.separation_date,
            separation_reason=data.separation_reason,
            opened_at=now.instant,
            review_days=review_days,
            claim_date=claim_date,
            evidence=data.evidence.model_dump(mode="json") if data.evidence else None,
            eligibility=assessment.eligibility_json(),
        )
        row = await repository.get_by_registration(conn, data.registration_id)
    assert row is not None
    if not inserted and (row["person_id"] != data.person_id or row["district"] != data.district):
        raise Conflict("claim_exists", "该失业登记已有待遇申领", "registration_id")
    return Written(to_read(row, now), created=inserted)


async def attach_evidence(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, evidence: ClaimEvidence, now: Moment
) -> Written[ClaimRead]:
    """Evidence for a claim opened without it; kept once given (the snapshot never changes)."""
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        if evidence.person_id is not None and evidence.person_id != row["person_id"]:
            raise InvalidInput("evidence_person_mismatch", "缴费证据不是该申领人的", "evidence.person_id")
        wanted = evidence.model_dump(mode="json")
        if row["evidence"] is not None:
            if row["evidence"] != wanted:
                raise Conflict("evidence_exists", "该申领已有缴费证据快照, 不能更改", "evidence")
            return Written(to_read(row, now), created=False)
        if row["status"] != ClaimStatus.PENDING_REVIEW.value:
            raise Conflict("claim_already_decided", "该申领已作出审核决定", "claim_id")
        facts = facts_of(row)
        facts = ClaimFacts(**{**facts.__dict__, "evidence": evidence})
        assessment = await assess_for_record(conn, facts)
        await repository.set_evidence(conn, claim_id, wanted, assessment.eligibility_json())
        updated = await repository.get(conn, claim_id)
    return Written(to_read(updated, now), created=True)


async def stop(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: ClaimStopCreate,
    relay: OutboxRelay,
    now: Moment,
    letterhead: Letterhead,
) -> Written[ClaimRead]:
    """R-STOP-1: stop from the event date. Repeating the same stop changes nothing. The event
    may be known ahead (a hire, an enlistment): at most RECORDED_AHEAD_DAYS after today."""
    at_most_ahead(data.effective_date, now.today, field="effective_date")
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        written = await apply_stop(conn, principal, row, data, now, letterhead=letterhead)
    await relay.dispatch(written.outbox_ids)
    return written


async def apply_stop(
    conn: asyncpg.Connection,
    principal: Principal,
    row: asyncpg.Record,
    data: ClaimStopCreate,
    now: Moment,
    *,
    letterhead: Letterhead,
    event_date: dt.date | None = None,
) -> Written[ClaimRead]:
    """The stop itself, inside the caller's transaction, with the claim row locked; its written
    decision (R-NOTICE-1, ``letterhead``: who signs it) commits with it, for every cause (a case
    manager's or the journey's stop, a death, a transfer out).
    ``event_date``: when the cause happened, if not the effective date (a death, R-DEATH-1); the
    journey ends the 失业登记 on it (R-SPELL-1)."""
    if row["status"] == ClaimStatus.STOPPED.value:
        _check_repeated_stop(principal, row, data)
        return Written(to_read(row, now), created=False)
    if row["status"] != ClaimStatus.APPROVED.value:
        raise Conflict("claim_not_approved", "只有已核准的申领才能停发", "claim_id")
    if data.effective_date < row["registration_date"]:
        raise Conflict("stop_before_benefit_start", "停发日期不能早于待遇起始日期", "effective_date")
    await repository.record_stop(
        conn,
        row["id"],
        reason=data.reason.value,
        effective_date=data.effective_date,
        evidence_ref=data.evidence_ref,
        stopped_by=principal.subject,
        stopped_at=now.instant,
    )
    updated = await repository.get(conn, row["id"])
    # R-STOP-1: no payment for days after the stop; what was paid for them is to be recovered.
    await settle_stop(conn, updated, principal.subject)
    document = documents.benefit_stopped(str(uuid.uuid4()), updated, now.today)
    await issue(conn, letterhead, principal, document, str(row["id"]))
    outbox_ids = await _signal_stopped(conn, principal, row, data, event_date)
    return Written(to_read(updated, now), created=True, outbox_ids=outbox_ids)


def _check_repeated_stop(principal: Principal, row: asyncpg.Record, data: ClaimStopCreate) -> None:
    """The journey asks for a stop the claim already has (a case manager stopped it first, on
    another ground): its request is satisfied, the first stop stands. A person asking for a
    different stop is told."""
    same = (
        row["stop_reason"] == data.reason.value
        and row["stop_effective_date"] == data.effective_date
        and row["stop_evidence_ref"] == data.evidence_ref
    )
    if not same and principal.role is not Role.SYSTEM:
        raise Conflict("claim_already_stopped", "该申领已停发待遇", "claim_id")


async def _signal_stopped(
    conn: asyncpg.Connection,
    principal: Principal,
    row: asyncpg.Record,
    data: ClaimStopCreate,
    event_date: dt.date | None,
) -> list[int | None]:
    """A stop decided here (case manager, death, transfer) ends the journey's benefit period;
    stops asked for by the journey itself need no signal back."""
    if principal.role is Role.SYSTEM:
        return []
    outbox_id = await enqueue(
        conn,
        SignalWorkflow(
            workflow_id=claimant_journey_id(row["registration_id"]),
            signal=CLAIM_STOPPED,
            payload=ClaimStopped(str(row["id"]), data.reason.value, data.effective_date, event_date),
            event_key=str(row["id"]),
        ),
    )
    return [outbox_id]


async def list_claims(
    conn: asyncpg.Connection,
    principal: Principal,
    status: ClaimStatus | None,
    limit: int,
    offset: int,
    *,
    now: Moment,
    overdue_only: bool = False,
) -> list[ClaimRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_claims(
        conn, district, status.value if status else None, limit, offset, now=now.instant, overdue_only=overdue_only
    )
    return [to_read(r, now) for r in rows]
