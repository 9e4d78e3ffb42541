"""Claim rules: opening (one per registration) with its evidence snapshot and eligibility
(R-ELIG-1, R-APP-1/2), the case manager's decision (R-REV-1) with the computed entitlement
(R-START, R-DUR-1/5, R-DUR-2, R-AMT-1/2), and stops (R-STOP-1). Owns each transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import asyncpg

from contracts.journey import CLAIM_DECIDED, CLAIM_STOPPED, ClaimDecided, ClaimStopped, claimant_journey_id
from services.benefits.claims import repository
from services.benefits.claims.schemas import (
    ClaimCreate,
    ClaimDecisionCreate,
    ClaimRead,
    ClaimStatus,
    ClaimStopCreate,
)
from services.benefits.entitlement.assessment import (
    Assessment,
    ClaimFacts,
    Condition,
    assess,
)
from services.benefits.entitlement.schemas import ClaimEvidence, ConditionStatus
from services.benefits.overpayments.settlement import settle_stop
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.service import monthly_benefit_amount
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue
from shared.validation import at_most_ahead

CLAIM_NOT_FOUND = NotFound("claim_not_found", "未找到该待遇申领", "claim_id")


@dataclass
class Written:
    claim: ClaimRead
    created: bool
    # Outbox rows to dispatch after the commit (the journey's signal).
    outbox_ids: list[int | None] = field(default_factory=list)


def to_read(row: asyncpg.Record, now: Moment) -> ClaimRead:
    # R-REV-1: still pending after the review deadline, by the service's clock.
    overdue = row["status"] == ClaimStatus.PENDING_REVIEW.value and row["review_due_at"] < now.instant
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
) -> Written:
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
) -> Written:
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


async def _assess_approval(
    conn: asyncpg.Connection, row: asyncpg.Record, data: ClaimDecisionCreate
) -> tuple[Assessment, str]:
    facts = facts_of(row)
    if facts.evidence is None:
        # Backwards compatibility: claims opened without evidence by older journeys take the
        # case manager's months; every other condition is still checked.
        if data.entitlement_months is None:
            raise InvalidInput(
                "entitlement_months_required",
                "该申领没有缴费证据: 请先补充缴费证据 (POST /claims/{id}/evidence), 或填写享受待遇月数",
                "entitlement_months",
            )
        assessment = await assess(conn, facts, compute_amount=False)
        blocking = [c for c in assessment.conditions if c.status is ConditionStatus.NOT_MET]
        if blocking:
            raise _not_eligible(assessment)
        start = facts.registration_date
        amount = await monthly_benefit_amount(conn, facts.district, start, assessment.refs)
        assessment.benefit_start_date = start
        assessment.entitlement_months = data.entitlement_months
        assessment.monthly_amount, assessment.amount_policy_id = amount.amount, amount.amount_policy_id
        assessment.rules += ["R-START", "R-AMT-1", "R-AMT-2"]
        assessment.explanation += [
            f"待遇自 {start} 起计 (R-START)",
            f"无缴费证据, 按经办人员核定 {data.entitlement_months} 个月",
        ] + amount.explanation
        return assessment, "case_manager_legacy"
    assessment = await assess(conn, facts)
    if assessment.outcome != "eligible":
        raise _not_eligible(assessment)
    if data.entitlement_months is not None and data.entitlement_months != assessment.entitlement_months:
        raise InvalidInput(
            "entitlement_months_mismatch",
            f"享受待遇月数由系统按政策计算为 {assessment.entitlement_months} 个月, 与填写的不一致",
            "entitlement_months",
        )
    return assessment, "computed"


def _not_eligible(assessment: Assessment) -> Conflict:
    failed = [c for c in assessment.conditions if c.status is not ConditionStatus.MET]
    return Conflict(
        "not_eligible",
        "不符合领取条件: " + "; ".join(c.why for c in failed),
        "approved",
        details={"eligibility": assessment.eligibility_json()},
    )


async def decide(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: ClaimDecisionCreate,
    relay: OutboxRelay,
    now: Moment,
) -> ClaimRead:
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        if row["status"] != ClaimStatus.PENDING_REVIEW.value:
            raise Conflict("claim_already_decided", "该申领已作出审核决定", "claim_id")
        if data.approved:
            assessment, basis = await _assess_approval(conn, row, data)
            # A row a decision used never changes again (R-AMT / R-DUR rows stay explainable).
            await policy_repository.mark_used(
                conn,
                parameter_ids=assessment.refs.parameter_ids,
                duration_ids=assessment.refs.duration_ids,
                amount_ids=assessment.refs.amount_ids,
            )
            status = ClaimStatus.APPROVED
        else:
            assessment = await assess_for_record(conn, facts_of(row))
            assessment.rules = [c.rule for c in assessment.conditions if c.status is not ConditionStatus.MET]
            basis = None
            status = ClaimStatus.REJECTED
        rules = ["R-REV-1"] + [r for r in dict.fromkeys(assessment.rules) if r != "R-REV-1"]
        await repository.record_decision(
            conn,
            claim_id,
            status=status.value,
            eligibility=assessment.eligibility_json(),
            benefit_start_date=assessment.benefit_start_date if data.approved else None,
            base_months=assessment.base_months if data.approved else None,
            carried_over_months=assessment.carried_over_months if data.approved else None,
            previous_claim_id=assessment.previous_claim_id if data.approved else None,
            entitlement_months=assessment.entitlement_months if data.approved else None,
            entitlement_basis=basis,
            monthly_amount=assessment.monthly_amount if data.approved else None,
            amount_policy_id=assessment.amount_policy_id if data.approved else None,
            duration_policy_id=assessment.duration_policy_id if data.approved else None,
            calculation=assessment.calculation_json(),
            decided_by=principal.subject,
            reason=data.reason,
            rules=rules,
            decided_at=now.instant,
        )
        updated = await repository.get(conn, claim_id)
        outbox_id = await enqueue(
            conn,
            SignalWorkflow(
                workflow_id=claimant_journey_id(row["registration_id"]),
                signal=CLAIM_DECIDED,
                payload=ClaimDecided(
                    claim_id=str(claim_id),
                    approved=data.approved,
                    entitlement_months=updated["entitlement_months"] or 0,
                    decided_at=updated["decided_at"],
                    # R-START / R-APP-2: a late claim starts later than the registration date.
                    benefit_start_date=updated["benefit_start_date"],
                ),
                event_key=str(claim_id),
            ),
        )
    await relay.dispatch([outbox_id])
    return to_read(updated, now)


async def stop(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: ClaimStopCreate,
    relay: OutboxRelay,
    now: Moment,
) -> Written:
    """R-STOP-1: stop from the event date. Repeating the same stop changes nothing. The event
    may be known ahead (a hire, an enlistment): at most RECORDED_AHEAD_DAYS after today."""
    at_most_ahead(data.effective_date, now.today, field="effective_date")
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        written = await apply_stop(conn, principal, row, data, now)
    await relay.dispatch(written.outbox_ids)
    return written


async def apply_stop(
    conn: asyncpg.Connection,
    principal: Principal,
    row: asyncpg.Record,
    data: ClaimStopCreate,
    now: Moment,
    *,
    event_date: dt.date | None = None,
) -> Written:
    """The stop itself, inside the caller's transaction, with the claim row locked.
    ``event_date``: when the cause happened, if not the effective date (a death, R-DEATH-1); the
    journey ends the 失业登记 on it (R-SPELL-1)."""
    if row["status"] == ClaimStatus.STOPPED.value:
        same = (
            row["stop_reason"] == data.reason.value
            and row["stop_effective_date"] == data.effective_date
            and row["stop_evidence_ref"] == data.evidence_ref
        )
        # The journey asks for a stop the claim already has (a case manager stopped it first, on
        # another ground): its request is satisfied, the first stop stands. A person asking for a
        # different stop is told.
        if not same and principal.role is not Role.SYSTEM:
            raise Conflict("claim_already_stopped", "该申领已停发待遇", "claim_id")
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
    outbox_ids: list[int | None] = []
    if principal.role is not Role.SYSTEM:
        # A stop decided here (case manager, death, transfer) ends the journey's benefit period;
        # stops asked for by the journey itself need no signal back.
        outbox_ids.append(
            await enqueue(
                conn,
                SignalWorkflow(
                    workflow_id=claimant_journey_id(row["registration_id"]),
                    signal=CLAIM_STOPPED,
                    payload=ClaimStopped(str(row["id"]), data.reason.value, data.effective_date, event_date),
                    event_key=str(row["id"]),
                ),
            )
        )
    return Written(to_read(updated, now), created=True, outbox_ids=outbox_ids)


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
