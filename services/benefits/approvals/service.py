"""When a benefits decision is prepared instead of carried out (R-CTRL-1): the province checks
its kind (``four_eyes.required``) and the decision would change something. Otherwise (a repeat,
a decision its own function refuses, a kind the province does not check) the endpoint carries
on in one step, as before. Each function answers the prepared approval, or None. Before it is
prepared, the decision is tried with the request's context (``four_eyes.try_out``: carried out
in a savepoint and rolled back), so the preparer gets the refusal the approval would give."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from services.benefits.approvals.kinds import REGISTRY, Context
from services.benefits.bank_accounts import repository as account_repository
from services.benefits.bank_accounts.schemas import BankAccountCreate
from services.benefits.claims.schemas import ClaimDecisionCreate, ClaimStatus, ClaimStopCreate
from services.benefits.claims.service import get_visible
from services.benefits.overpayments import repository as overpayment_repository
from services.benefits.overpayments.schemas import OverpaymentDecisionCreate
from services.benefits.payroll import repository as payroll_repository
from shared import four_eyes
from shared.auth import Principal, Role
from shared.four_eyes_schemas import DecisionKind
from shared.results import Written
from shared.validation import at_most_ahead

Prepared = Written[asyncpg.Record] | None


async def _prepare_if_required(
    conn: asyncpg.Connection,
    kind: DecisionKind,
    subject_id: str,
    payload: dict[str, Any],
    district: str,
    principal: Principal,
    ctx: Context,
    reason: str | None = None,
) -> Prepared:
    if not await four_eyes.required(conn, kind, district, ctx.now.today):
        return None
    return await four_eyes.prepare(
        conn, kind=kind, subject_id=subject_id, payload=payload, district=district,
        principal=principal, now=ctx.now, reason=reason, registry=REGISTRY, context=ctx,
    )


async def prepare_claim_decision(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: ClaimDecisionCreate, ctx: Context
) -> Prepared:
    """An approval pays: prepared. A rejection stays one step (R-CTRL-1 lists approvals only)."""
    if not data.approved:
        return None
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id)
        if row["status"] != ClaimStatus.PENDING_REVIEW.value:
            return None
        return await _prepare_if_required(
            conn, DecisionKind.CLAIM_APPROVAL, str(claim_id), data.model_dump(mode="json"),
            row["district"], principal, ctx, data.reason,
        )


async def prepare_stop(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: ClaimStopCreate, ctx: Context
) -> Prepared:
    # R-CTRL-1: a stop the journey asks for as the SYSTEM role (a re-employment, a missed
    # report) is the consequence of a recorded fact, not a person's decision: not prepared.
    if principal.role is Role.SYSTEM:
        return None
    # What the stop would refuse at once is refused before it is prepared.
    at_most_ahead(data.effective_date, ctx.now.today, field="effective_date")
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id)
        if row["status"] != ClaimStatus.APPROVED.value:
            return None
        return await _prepare_if_required(
            conn, DecisionKind.CLAIM_STOP, str(claim_id), data.model_dump(mode="json"),
            row["district"], principal, ctx,
        )


async def prepare_overpayment_decision(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    overpayment_id: uuid.UUID,
    data: OverpaymentDecisionCreate,
    ctx: Context,
) -> Prepared:
    """Recover, waive or fine for fraud (R-FRAUD-1): each takes money or forgoes it."""
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id)
        row = await overpayment_repository.get(conn, claim_id, overpayment_id)
        if row is None or row["recovery_status"] != "proposed":
            return None
        payload = {"claim_id": str(claim_id), "decision": data.model_dump(mode="json")}
        return await _prepare_if_required(
            conn, DecisionKind.OVERPAYMENT_DECISION, str(overpayment_id), payload,
            claim["district"], principal, ctx, data.note,
        )


async def prepare_account_change(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: BankAccountCreate, ctx: Context
) -> Prepared:
    """A change of the account payments go to. The first account of a holder is recorded in one
    step: nothing is replaced, and its first payment is held anyway (R-HOLD-1)."""
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id)
        current = await account_repository.current(conn, claim_id, data.holder.value)
        if current is None or (current["bank_code"], current["account_number"], current["account_name"]) == (
            data.bank_code, data.account_number, data.account_name
        ):
            return None
        payload = {"claim_id": str(claim_id), "account": data.model_dump(mode="json")}
        return await _prepare_if_required(
            conn, DecisionKind.BANK_ACCOUNT_CHANGE, f"{claim_id}:{data.holder.value}", payload,
            claim["district"], principal, ctx,
        )


async def prepare_release(conn: asyncpg.Connection, principal: Principal, run_id: int, ctx: Context) -> Prepared:
    """A payroll run's release to the bank; the run is the city's (its code stands for the area)."""
    async with conn.transaction():
        run = await payroll_repository.get_run(conn, run_id)
        if run is None or run["released_at"] is not None:
            return None
        return await _prepare_if_required(
            conn, DecisionKind.PAYROLL_RELEASE, str(run_id), {"run_id": run_id}, run["city"], principal, ctx
        )
