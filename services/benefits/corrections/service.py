"""Correcting the agency's own decision (R-CORR-1): a case manager prepares the correction with a
reason; another case manager approves it (R-CTRL-1, shared/four_eyes.py, kind
``decision_correction``: ALWAYS required, whatever the province's four_eyes_decisions policy).
The approval carries it out in its own transaction: the claim's terms corrected (the original
decision's kept on the correction row), the months already paid recomputed with the underpayment
paid once and the overpayment proposed (corrections/recompute.py), the written decision
(R-NOTICE-1), and the journey told when the months, the amount or the start changed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg

from contracts.corrections import DECISION_CORRECTED, DecisionCorrected
from contracts.journey import claimant_journey_id
from services.benefits.claims.schemas import ClaimStatus
from services.benefits.claims.service import get_visible
from services.benefits.corrections import notice, recompute, repository
from services.benefits.corrections.auth import CHECKER_ROLES
from services.benefits.corrections.schemas import (
    CorrectedTerms,
    CorrectionCreate,
    CorrectionMonthRead,
    CorrectionRead,
)
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter
from shared import four_eyes
from shared.auth import Principal
from shared.clock import Moment
from shared.errors import Conflict, InvalidInput, NotFound
from shared.four_eyes import Kind, Prepared, Registry
from shared.four_eyes_schemas import DecisionKind
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue
from shared.results import Written

CORRECTION_NOT_FOUND = NotFound("correction_not_found", "未找到该纠错记录", "correction_id")
CORRECTABLE = (ClaimStatus.APPROVED.value, ClaimStatus.STOPPED.value)


@dataclass(frozen=True)
class Context:
    """What carrying a correction out needs of the approving request (the same names as the
    benefits approvals' context, services/benefits/approvals/kinds.py)."""

    now: Moment
    relay: OutboxRelay
    letterhead: Letterhead


async def to_read(conn: asyncpg.Connection, row: asyncpg.Record) -> CorrectionRead:
    months = [CorrectionMonthRead(**dict(m)) for m in await repository.months_of(conn, row["id"])]
    arrears = await repository.arrears_of(conn, row["id"])
    premium = await repository.arrears_of(conn, row["id"], "medical_premium")
    paid = ("months", "arrears_payment_id", "premium_arrears_payment_id")
    fields = {k: row[k] for k in CorrectionRead.model_fields if k not in paid}
    return CorrectionRead(**fields, months=months, arrears_payment_id=arrears, premium_arrears_payment_id=premium)


def _check_correctable(claim: asyncpg.Record, data: CorrectionCreate, today) -> None:  # noqa: ANN001
    if claim["status"] not in CORRECTABLE:
        raise Conflict("claim_not_approved", "只有已核准 (或已停发) 的申领才能自行纠错", "claim_id")
    start = data.benefit_start_date
    if start is not None and not claim["registration_date"] <= start <= today:
        # R-START: benefit counts from the registration date at the earliest.
        raise InvalidInput("benefit_start_out_of_range", "待遇起始日期不能早于失业登记日期, 也不能晚于今天",
                           "benefit_start_date")
    current = recompute.terms_of(claim)
    if recompute.corrected(current, **data.terms()) == current:
        raise Conflict("correction_changes_nothing", "更正内容与现行决定相同, 无需纠错", "reason")


async def _check_amount_limits(conn: asyncpg.Connection, claim: asyncpg.Record, data: CorrectionCreate) -> None:
    """R-AMT-1/2: a corrected monthly amount stays inside the limits the approval's amount keeps
    (policy/service.py monthly_benefit_amount): below the local minimum wage, not below 低保, as in
    force in the claim's district on the (corrected) benefit start date."""
    amount = data.monthly_amount
    if amount is None:
        return
    on = data.benefit_start_date or recompute.terms_of(claim).benefit_start_date
    minimum_wage = await parameter(conn, claim["district"], ParameterName.MINIMUM_WAGE, on)
    if amount >= minimum_wage["amount"]:
        raise InvalidInput(
            "monthly_amount_not_below_minimum_wage",
            f"更正后的每月金额 {amount} 元须低于当地最低工资标准 {minimum_wage['amount']} 元 (R-AMT-1)",
            "monthly_amount",
            details={"minimum_wage": str(minimum_wage["amount"]), "on": on.isoformat()},
        )
    dibao = await policy_repository.parameter_in_force(conn, claim["district"], ParameterName.DIBAO.value, on)
    if dibao is not None and amount < dibao["amount"]:
        raise InvalidInput(
            "monthly_amount_below_dibao",
            f"更正后的每月金额 {amount} 元不得低于城市居民最低生活保障标准 {dibao['amount']} 元 (R-AMT-2)",
            "monthly_amount",
            details={"dibao": str(dibao["amount"]), "on": on.isoformat()},
        )


async def prepare(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: CorrectionCreate, now: Moment
) -> Written[asyncpg.Record]:
    """经办: the correction waits for a second person (the prepared approval is answered); nothing
    else changes. The same person preparing the same correction again finds it."""
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id, for_update=True)
        _check_correctable(claim, data, now.today)
        await _check_amount_limits(conn, claim, data)
        approval = await four_eyes.prepare(
            conn,
            kind=DecisionKind.DECISION_CORRECTION,
            subject_id=str(claim_id),
            payload=data.model_dump(mode="json"),
            district=claim["district"],
            principal=principal,
            now=now,
            reason=data.reason,
        )
        if approval.created:
            await repository.insert(
                conn,
                correction_id=uuid.uuid4(),
                claim_id=claim_id,
                district=claim["district"],
                reason=data.reason,
                prepared_by=principal.subject,
                prepared_at=now.instant,
                approval_id=approval.value["id"],
                **data.terms(),
            )
    return approval


async def carry_out(conn: asyncpg.Connection, prepared: Prepared, ctx: Any) -> dict[str, Any]:
    """复核通过 (shared/four_eyes.approve): inside the approving transaction, as the preparer."""
    correction = await repository.get_by_approval(conn, prepared.id)
    if correction is None:
        raise CORRECTION_NOT_FOUND
    claim = await get_visible(conn, prepared.preparer, correction["claim_id"], for_update=True)
    written = await apply_correction(conn, prepared.preparer, claim, correction, ctx.now, ctx.letterhead)
    await ctx.relay.dispatch(written.outbox_ids)  # wakes the relay; the signal goes once committed
    return written.value.model_dump(mode="json")


KIND = Kind(DecisionKind.DECISION_CORRECTION, CHECKER_ROLES, carry_out)
REGISTRY = Registry([KIND])


async def apply_correction(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    correction: asyncpg.Record,
    now: Moment,
    letterhead: Letterhead,
) -> Written[CorrectionRead]:
    """The correction carried out (once: a correction applied before is answered as it is), in
    the caller's transaction with the claim row locked. Also an appeal's "changed" outcome."""
    if correction["applied_at"] is not None:
        return Written(await to_read(conn, correction), created=False)
    if claim["status"] not in CORRECTABLE:
        raise Conflict("claim_not_approved", "只有已核准 (或已停发) 的申领才能自行纠错", "claim_id")
    original = recompute.terms_of(claim)
    terms = recompute.corrected(
        original,
        monthly_amount=correction["monthly_amount"],
        entitlement_months=correction["entitlement_months"],
        benefit_start_date=correction["benefit_start_date"],
    )
    applied = await recompute.apply(conn, claim, correction["id"], terms, by=principal.subject, today=now.today)
    await repository.record_applied(
        conn,
        correction["id"],
        original=(original.monthly_amount, original.entitlement_months, original.benefit_start_date),
        applied_at=now.instant,
        underpaid=applied.recomputation.underpaid,
        overpaid=applied.recomputation.overpaid,
    )
    document = notice.decision_corrected(str(uuid.uuid4()), claim, correction, original, applied, now.today)
    await issue(conn, letterhead, principal, document, str(correction["id"]))
    outbox_ids = [await _signal_corrected(conn, claim, correction["id"], terms)] if terms != original else []
    return Written(await to_read(conn, await repository.get(conn, correction["id"])), created=True, outbox_ids=outbox_ids)


async def carry_out_appeal_change(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    *,
    appeal_ref: str,
    reason: str,
    terms: CorrectedTerms | None,
    now: Moment,
    letterhead: Letterhead,
) -> Written[CorrectionRead]:
    """R-APPEAL-1 "changed": the body's decision carried out as a correction (source 'appeal',
    once per appeal), in the caller's transaction with the claim row locked. An external body's
    decision needs no second person here (R-CTRL-1 is the agency's own internal control)."""
    if claim["status"] not in CORRECTABLE:
        raise Conflict("claim_not_approved", "只有已核准 (或已停发) 的申领才能按变更决定重新核算", "outcome")
    if terms is None:
        raise InvalidInput("changed_terms_required", "变更决定须填写变更后的待遇 (每月金额、享受月数或起始日期)",
                           "changed_terms")
    await repository.insert(
        conn,
        correction_id=uuid.uuid4(),
        claim_id=claim["id"],
        district=claim["district"],
        reason=reason,
        prepared_by=principal.subject,
        prepared_at=now.instant,
        source="appeal",
        source_ref=appeal_ref,
        **terms.model_dump(),
    )
    correction = await repository.get_by_appeal(conn, appeal_ref)
    return await apply_correction(conn, principal, claim, correction, now, letterhead)


async def _signal_corrected(
    conn: asyncpg.Connection, claim: asyncpg.Record, correction_id: uuid.UUID, terms: recompute.Terms
) -> int | None:
    """The journey pays the corrected months (the amount it takes from the claim at each payment)."""
    return await enqueue(
        conn,
        SignalWorkflow(
            workflow_id=claimant_journey_id(claim["registration_id"]),
            signal=DECISION_CORRECTED,
            payload=DecisionCorrected(
                claim_id=str(claim["id"]),
                correction_id=str(correction_id),
                entitlement_months=terms.entitlement_months,
                monthly_amount=terms.monthly_amount,
                benefit_start_date=terms.benefit_start_date,
            ),
            event_key=str(correction_id),
        ),
    )


async def list_corrections(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> list[CorrectionRead]:
    await get_visible(conn, principal, claim_id)
    return [await to_read(conn, r) for r in await repository.list_for_claim(conn, claim_id)]


async def get_correction(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, correction_id: uuid.UUID
) -> CorrectionRead:
    await get_visible(conn, principal, claim_id)
    row = await repository.get(conn, correction_id)
    if row is None or row["claim_id"] != claim_id:
        raise CORRECTION_NOT_FOUND
    return await to_read(conn, row)
