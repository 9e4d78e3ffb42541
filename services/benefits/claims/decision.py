"""The case manager's decision on a claim (R-REV-1): approve with the computed entitlement
(R-START, R-DUR-1/5, R-DUR-2, R-AMT-1/2), or reject with the conditions not met; the journey is
told through the outbox. Owns the transaction."""

from __future__ import annotations

import uuid

import asyncpg

from contracts.journey import CLAIM_DECIDED, ClaimDecided, claimant_journey_id
from services.benefits.claims import repository
from services.benefits.claims.schemas import ClaimDecisionCreate, ClaimRead, ClaimStatus
from services.benefits.claims.service import assess_for_record, facts_of, get_visible, to_read
from services.benefits.entitlement import rules
from services.benefits.entitlement.assessment import Assessment, assess
from services.benefits.entitlement.rules import Explained
from services.benefits.entitlement.schemas import ConditionStatus
from services.benefits.notices import documents
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.service import monthly_benefit_amount
from shared.auth import Principal
from shared.clock import Moment
from shared.errors import Conflict, InvalidInput
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue


async def decide(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: ClaimDecisionCreate,
    relay: OutboxRelay,
    now: Moment,
    letterhead: Letterhead,
) -> ClaimRead:
    """R-REV-1: approve with the computed entitlement, or reject with the conditions not met; the
    journey is told (R-START / R-APP-2: from the benefit start date the decision set); the person
    is told in writing, in the same transaction (R-NOTICE-1)."""
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        if row["status"] != ClaimStatus.PENDING_REVIEW.value:
            raise Conflict("claim_already_decided", "该申领已作出审核决定", "claim_id")
        if row["review_paused_since"] is not None:  # R-RFI-1: decided once the documents are in
            raise Conflict("documents_awaited", "正在等待申请人补正材料, 收到齐全材料后再作决定", "claim_id")
        assessment, basis = await assess_decision(conn, row, data)
        await record_claim_decision(conn, principal, claim_id, data, assessment, basis, now)
        updated = await repository.get(conn, claim_id)
        build = documents.claim_approved if data.approved else documents.claim_rejected
        await issue(conn, letterhead, principal, build(str(uuid.uuid4()), updated, now.today), decision_key(updated))
        outbox_id = await _signal_decided(conn, row["registration_id"], updated, data.approved)
    await relay.dispatch([outbox_id])
    return to_read(updated, now)


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
        start = rules.benefit_start(facts.registration_date, None)
        amount = rules.monthly_amount(
            await monthly_benefit_amount(conn, facts.district, start.value, assessment.refs)
        )
        months = Explained(data.entitlement_months, (), (f"无缴费证据, 按经办人员核定 {data.entitlement_months} 个月",))
        assessment.record(start, months, amount)
        assessment.benefit_start_date = start.value
        assessment.entitlement_months = data.entitlement_months
        assessment.monthly_amount, assessment.amount_policy_id = amount.value.amount, amount.value.amount_policy_id
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


async def assess_decision(
    conn: asyncpg.Connection, row: asyncpg.Record, data: ClaimDecisionCreate
) -> tuple[Assessment, str | None]:
    """The assessment a decision records, and how its months were set (None for a rejection)."""
    if not data.approved:
        assessment = await assess_for_record(conn, facts_of(row))
        assessment.rules = [c.rule for c in assessment.conditions if c.status is not ConditionStatus.MET]
        return assessment, None
    assessment, basis = await _assess_approval(conn, row, data)
    # A row a decision used never changes again (R-AMT / R-DUR rows stay explainable).
    await policy_repository.mark_used(
        conn,
        parameter_ids=assessment.refs.parameter_ids,
        duration_ids=assessment.refs.duration_ids,
        amount_ids=assessment.refs.amount_ids,
    )
    return assessment, basis


async def record_claim_decision(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: ClaimDecisionCreate,
    assessment: Assessment,
    basis: str | None,
    now: Moment,
) -> None:
    # A rejection keeps the eligibility and the calculation, none of the entitlement's values.
    granted = assessment if data.approved else Assessment(conditions=[])
    await repository.record_decision(
        conn,
        claim_id,
        status=(ClaimStatus.APPROVED if data.approved else ClaimStatus.REJECTED).value,
        eligibility=assessment.eligibility_json(),
        benefit_start_date=granted.benefit_start_date,
        base_months=granted.base_months,
        carried_over_months=granted.carried_over_months,
        previous_claim_id=granted.previous_claim_id,
        entitlement_months=granted.entitlement_months,
        entitlement_basis=basis,
        monthly_amount=granted.monthly_amount,
        amount_policy_id=granted.amount_policy_id,
        duration_policy_id=granted.duration_policy_id,
        calculation=assessment.calculation_json(),
        decided_by=principal.subject,
        reason=data.reason,
        rules=["R-REV-1"] + [r for r in dict.fromkeys(assessment.rules) if r != "R-REV-1"],
        decided_at=now.instant,
    )


async def _signal_decided(
    conn: asyncpg.Connection, registration_id: uuid.UUID, claim: asyncpg.Record, approved: bool
) -> int | None:
    """The journey's ``claim decided`` signal, through the outbox in the decision's transaction."""
    return await enqueue(
        conn,
        SignalWorkflow(
            workflow_id=claimant_journey_id(registration_id),
            signal=CLAIM_DECIDED,
            payload=ClaimDecided(
                claim_id=str(claim["id"]),
                approved=approved,
                entitlement_months=claim["entitlement_months"] or 0,
                decided_at=claim["decided_at"],
                # R-START / R-APP-2: a late claim starts later than the registration date.
                benefit_start_date=claim["benefit_start_date"],
            ),
            event_key=decision_key(claim),
        ),
    )


def decision_key(claim: asyncpg.Record) -> str:
    """What keys a decision's notice and signal: the claim, and after a body's order to decide
    again (R-APPEAL-1) its round, so each round's notice and signal are its own."""
    if claim["decision_round"] == 1:
        return str(claim["id"])
    return f"{claim['id']}:{claim['decision_round']}"
