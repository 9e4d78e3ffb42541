"""The benefits decisions under four-eyes control (R-CTRL-1): each kind's approving role and the
function that carries it out with the stored payload, calling the existing decision as its
preparer (who stays its author: decided_by, stopped_by, created_by), inside the approving
transaction (shared/four_eyes.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request

from services.benefits.approvals.schemas import masked_account
from services.benefits.bank_accounts import service as bank_accounts
from services.benefits.bank_accounts.schemas import BankAccountCreate
from services.benefits.claims import decision
from services.benefits.claims import service as claims
from services.benefits.claims.schemas import ClaimDecisionCreate, ClaimStopCreate
from services.benefits.corrections.service import KIND as DECISION_CORRECTION
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from services.benefits.notices.render import Letterhead
from services.benefits.overpayments import service as overpayments
from services.benefits.overpayments.schemas import OverpaymentDecisionCreate
from services.benefits.payroll import service as payroll
from shared.auth import Role
from shared.clock import Moment
from shared.deps import Now
from shared.four_eyes import Kind, Prepared, Registry
from shared.four_eyes_schemas import DecisionKind
from shared.outbox import OutboxRelay


@dataclass(frozen=True)
class Context:
    """What the carry-out functions need of the approving request."""

    now: Moment
    relay: OutboxRelay
    letterhead: Letterhead


def approval_context(request: Request, now: Now, settings: Settings) -> Context:
    return Context(now=now, relay=request.app.state.outbox, letterhead=letterhead_of(settings))


# What an endpoint that may prepare a decision takes: the same context tries it out at once
# (shared/four_eyes.try_out) and carries it out at the approval.
ApprovalContext = Annotated[Context, Depends(approval_context)]


async def _claim_approval(conn: asyncpg.Connection, prepared: Prepared, ctx: Context) -> dict[str, Any]:
    data = ClaimDecisionCreate.model_validate(prepared.payload)
    read = await decision.decide(
        conn, prepared.preparer, uuid.UUID(prepared.subject_id), data, ctx.relay, ctx.now, ctx.letterhead
    )
    return read.model_dump(mode="json")


async def _claim_stop(conn: asyncpg.Connection, prepared: Prepared, ctx: Context) -> dict[str, Any]:
    data = ClaimStopCreate.model_validate(prepared.payload)
    written = await claims.stop(
        conn, prepared.preparer, uuid.UUID(prepared.subject_id), data, ctx.relay, ctx.now, ctx.letterhead
    )
    return written.value.model_dump(mode="json")


async def _overpayment_decision(conn: asyncpg.Connection, prepared: Prepared, ctx: Context) -> dict[str, Any]:
    data = OverpaymentDecisionCreate.model_validate(prepared.payload["decision"])
    read = await overpayments.decide(
        conn,
        prepared.preparer,
        uuid.UUID(prepared.payload["claim_id"]),
        uuid.UUID(prepared.subject_id),
        data,
        ctx.now,
        ctx.letterhead,
    )
    return read.model_dump(mode="json")


async def _bank_account_change(conn: asyncpg.Connection, prepared: Prepared, ctx: Context) -> dict[str, Any]:
    data = BankAccountCreate.model_validate(prepared.payload["account"])
    written = await bank_accounts.set_account(conn, prepared.preparer, uuid.UUID(prepared.payload["claim_id"]), data)
    return written.value.model_dump(mode="json")


async def _payroll_release(conn: asyncpg.Connection, prepared: Prepared, ctx: Context) -> dict[str, Any]:
    written = await payroll.release(conn, prepared.preparer, int(prepared.subject_id), ctx.now)
    return written.value.model_dump(mode="json")


def _account_shown(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "account": masked_account(payload.get("account", {}))}


REGISTRY = Registry([
    Kind(DecisionKind.CLAIM_APPROVAL, frozenset({Role.CASE_MANAGER}), _claim_approval),
    Kind(DecisionKind.CLAIM_STOP, frozenset({Role.CASE_MANAGER}), _claim_stop),
    Kind(DecisionKind.OVERPAYMENT_DECISION, frozenset({Role.CASE_MANAGER}), _overpayment_decision),
    Kind(DecisionKind.BANK_ACCOUNT_CHANGE, frozenset({Role.CASE_MANAGER}), _bank_account_change, _account_shown),
    Kind(DecisionKind.PAYROLL_RELEASE, frozenset({Role.FINANCE}), _payroll_release),
    DECISION_CORRECTION,  # R-CORR-1 (services/benefits/corrections/service.py)
])
