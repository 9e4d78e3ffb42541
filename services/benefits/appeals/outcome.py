"""The reconsideration body's or the court's outcome (R-APPEAL-1), recorded and carried out in one
transaction: a revoked rejection approves the claim from its original start date (R-START) with
its claim-approved notice; an order to decide again returns the claim to review (R-REV-1); a
closure as incomplete (R-RFI-1) revoked or to be decided again returns the claim to review too; a
revoked stop (R-STOP-1) is recorded for a case manager to follow up (appeals/revoked-stops: the
journey ended with the stop and closed the 失业登记, so the person registers again); upheld and
declared unlawful are recorded; a changed decision is recomputed as a correction
(R-CORR-1). The journey is told through the outbox.

R-CTRL-1: carrying out an external body's binding decision is not the agency's own decision, so it
needs no second person (four-eyes): the body has decided, the agency executes."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.appeals import APPEAL_DECIDED, AppealDecided
from contracts.journey import claimant_journey_id
from services.benefits.appeals import repository
from services.benefits.appeals.schemas import AppealOutcome, AppealRead, OutcomeCreate
from services.benefits.appeals.service import to_read, visible
from services.benefits.claims import repository as claims_repository
from services.benefits.claims.decision import assess_decision, record_claim_decision
from services.benefits.claims.schemas import ClaimDecisionCreate, ClaimStatus
from services.benefits.corrections.service import carry_out_appeal_change
from services.benefits.notices import documents
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from shared.auth import Principal
from shared.clock import Moment, start_of_china_day
from shared.errors import Conflict, InvalidInput
from shared.outbox import SignalWorkflow, enqueue
from shared.results import Written
from shared.validation import not_after

CLOSURE = "claim_closed_incomplete"  # the R-RFI-1 closure's notice kind
STOP = "benefit_stopped"  # R-STOP-1's notice kind
OUTCOME_LABELS = {
    "upheld": "维持", "revoked": "撤销", "changed": "变更", "declared_unlawful": "确认违法", "redecide": "责令重新作出",
}


async def record_outcome(
    conn: asyncpg.Connection,
    principal: Principal,
    appeal_id: uuid.UUID,
    data: OutcomeCreate,
    now: Moment,
    *,
    letterhead: Letterhead,
    review_days: int,
) -> Written[AppealRead]:
    """Once per appeal: the same outcome again is answered as recorded; another one is refused."""
    _check_dates(data, now)
    async with conn.transaction():
        appeal = await visible(conn, principal, appeal_id, for_update=True)
        if appeal["outcome"] is not None:
            return Written(_repeated(appeal, data, now), created=False)
        if data.decided_on < appeal["lodged_on"]:
            raise InvalidInput("decided_before_lodged", "复议决定或裁判日期不能早于申请或起诉日期", "decided_on")
        claim = await claims_repository.get(conn, appeal["claim_id"], for_update=True)
        await repository.record_outcome(
            conn, appeal_id, outcome=data.outcome.value, decided_on=data.decided_on, reference=data.reference,
            received_on=data.received_on, recorded_by=principal.subject,
        )
        signal = AppealDecided(
            appeal_id=str(appeal_id), claim_id=str(claim["id"]), notice_kind=appeal["notice_kind"],
            outcome=data.outcome.value, decided_on=data.decided_on, carried_out_on=now.today,
        )
        await _carry_out(conn, principal, appeal, claim, data, now, letterhead, review_days, signal)
        outbox_id = await enqueue(conn, SignalWorkflow(
            workflow_id=claimant_journey_id(claim["registration_id"]), signal=APPEAL_DECIDED, payload=signal,
            event_key=str(appeal_id),
        ))
        row = await repository.get(conn, appeal_id)
    return Written(to_read(row, now), created=True, outbox_ids=[outbox_id])


def _check_dates(data: OutcomeCreate, now: Moment) -> None:
    not_after(data.received_on, now.today, code="received_in_future", message="收到日期不能晚于今天", field="received_on")
    if data.decided_on > data.received_on:
        raise InvalidInput("decided_after_received", "复议决定或裁判日期不能晚于收到日期", "decided_on")


def _repeated(appeal: asyncpg.Record, data: OutcomeCreate, now: Moment) -> AppealRead:
    recorded = (appeal["outcome"], appeal["outcome_decided_on"], appeal["outcome_reference"], appeal["outcome_received_on"])
    if recorded != (data.outcome.value, data.decided_on, data.reference, data.received_on):
        raise Conflict("appeal_already_decided", "该案已登记复议决定或裁判结果, 不能更改", "outcome")
    return to_read(appeal, now)


async def _carry_out(
    conn: asyncpg.Connection,
    principal: Principal,
    appeal: asyncpg.Record,
    claim: asyncpg.Record,
    data: OutcomeCreate,
    now: Moment,
    letterhead: Letterhead,
    review_days: int,
    signal: AppealDecided,
) -> None:
    """What each outcome does to the decision appealed against (signal: what the journey is told)."""
    outcome = data.outcome
    if outcome in (AppealOutcome.UPHELD, AppealOutcome.DECLARED_UNLAWFUL):
        return  # recorded: the decision stands (确认违法 leaves the act in place)
    if outcome is AppealOutcome.CHANGED:
        await carry_out_changed(conn, principal, appeal, claim, data, now, letterhead)
        return
    if appeal["notice_kind"] == CLOSURE:
        signal.review_due_at = await carry_out_closure_set_aside(conn, appeal, claim, data, review_days)
        return
    if appeal["notice_kind"] == STOP and outcome is AppealOutcome.REVOKED:
        _check_stop_revocable(claim)
        return
    if appeal["notice_kind"] != "claim_rejected":
        raise Conflict(
            "appeal_outcome_not_supported",
            f"对该类决定书的{OUTCOME_LABELS[outcome.value]}决定暂不能由系统执行, 请人工处理",
            "outcome",
        )
    if claim["status"] != ClaimStatus.REJECTED.value:
        raise Conflict("claim_not_rejected", "该申领当前不是不予核准状态, 不能执行该决定", "outcome")
    if outcome is AppealOutcome.REVOKED:
        approved = await carry_out_revoked(conn, principal, appeal, claim, data, now, letterhead)
        signal.entitlement_months = approved["entitlement_months"]
        signal.benefit_start_date = approved["benefit_start_date"]
    else:
        signal.review_due_at = await carry_out_redecide(conn, appeal, claim, data, review_days)


async def carry_out_revoked(
    conn: asyncpg.Connection,
    principal: Principal,
    appeal: asyncpg.Record,
    claim: asyncpg.Record,
    data: OutcomeCreate,
    now: Moment,
    letterhead: Letterhead,
) -> asyncpg.Record:
    """A revoked rejection pays the benefit from the original start date (R-APPEAL-1, R-START):
    the claim is approved with the entitlement the normal approval computes (claims/decision.py's
    assessment, on the claim's own facts), and the person gets the approval in writing
    (R-NOTICE-1), a notice of its own (decision_ref ``appeal:<id>``)."""
    decision = ClaimDecisionCreate(
        approved=True,
        reason=f"{appeal['body']}{data.reference}撤销原不予核准决定 (案号 {appeal['case_number']})",
    )
    assessment, basis = await assess_decision(conn, claim, decision)
    assessment.rules.append("R-APPEAL-1")
    await record_claim_decision(conn, principal, claim["id"], decision, assessment, basis, now)
    approved = await claims_repository.get(conn, claim["id"])
    document = documents.claim_approved(str(uuid.uuid4()), approved, now.today)
    await issue(conn, letterhead, principal, document, f"appeal:{appeal['id']}")
    return approved


async def carry_out_redecide(
    conn: asyncpg.Connection, appeal: asyncpg.Record, claim: asyncpg.Record, data: OutcomeCreate, review_days: int
) -> dt.datetime:
    """责令重新作出: the claim returns to review, decided within R-REV-1's days of the outcome's
    receipt, as the claim's next decision round; the journey waits for the new decision."""
    review_due_at = start_of_china_day(data.received_on) + dt.timedelta(days=review_days)
    await repository.return_to_review(conn, claim["id"], review_due_at)
    return review_due_at


async def carry_out_closure_set_aside(
    conn: asyncpg.Connection, appeal: asyncpg.Record, claim: asyncpg.Record, data: OutcomeCreate, review_days: int
) -> dt.datetime:
    """A closure as incomplete (R-RFI-1) revoked, or to be decided again: nothing was decided on the
    claim's merits, so it returns to review like 责令重新作出 (R-REV-1's days from the outcome's
    receipt) and the case manager decides; the journey waits for that decision."""
    if claim["status"] != ClaimStatus.CLOSED_INCOMPLETE.value:
        raise Conflict("claim_not_closed_incomplete", "该申领当前不是终止办理状态, 不能执行该决定", "outcome")
    return await carry_out_redecide(conn, appeal, claim, data, review_days)


def _check_stop_revocable(claim: asyncpg.Record) -> None:
    """A revoked stop (R-STOP-1) is recorded and nothing else is changed here, on purpose: the
    journey ended with the stop and closed the 失业登记 (R-SPELL-1), so lifting the claim's stop
    would leave an approved claim nothing pays. The person registers again (a new spell, the new
    claim carrying the months not drawn, R-DUR-2); GET /appeals/revoked-stops is the case manager's
    worklist for it, with the stop's proposed overpayments to waive (R-FRAUD-1: a human decides)."""
    if claim["status"] != ClaimStatus.STOPPED.value:
        raise Conflict("claim_not_stopped", "该申领当前不是停发状态, 不能执行撤销停发决定", "outcome")


async def carry_out_changed(
    conn: asyncpg.Connection,
    principal: Principal,
    appeal: asyncpg.Record,
    claim: asyncpg.Record,
    data: OutcomeCreate,
    now: Moment,
    letterhead: Letterhead,
) -> None:
    """变更 (an approved claim's months, amount or start): the months already paid recomputed as a
    correction (R-CORR-1): the underpayment paid once, the overpayment proposed, its notice."""
    await carry_out_appeal_change(
        conn,
        principal,
        claim,
        appeal_ref=str(appeal["id"]),
        reason=f"{appeal['body']}变更决定（{data.reference}）",
        terms=data.changed_terms,
        now=now,
        letterhead=letterhead,
    )
