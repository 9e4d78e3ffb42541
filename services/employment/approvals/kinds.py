"""The employment decision under four-eyes control (R-CTRL-1): accepting a refusal stop proposal
is a stop (R-STOP-1; kind ``claim_stop``, as the benefits service's own stops, so a province's
four_eyes_decisions row governs both). Approved, the existing decision is carried out as its
preparer (who stays ``decided_by``), in the approving transaction: the journey is told, which
stops the claim at the benefits service."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request

from services.employment.referrals.schemas import StopDecisionCreate
from services.employment.stop_proposals import service as stop_proposals
from shared.auth import Role
from shared.four_eyes import Kind, Prepared, Registry
from shared.four_eyes_schemas import DecisionKind
from shared.outbox import OutboxRelay


@dataclass(frozen=True)
class Context:
    relay: OutboxRelay


def approval_context(request: Request) -> Context:
    return Context(relay=request.app.state.outbox)


ApprovalContext = Annotated[Context, Depends(approval_context)]


async def _stop_acceptance(conn: asyncpg.Connection, prepared: Prepared, ctx: Context) -> dict[str, Any]:
    data = StopDecisionCreate.model_validate(prepared.payload)
    read = await stop_proposals.decide(conn, prepared.preparer, uuid.UUID(prepared.subject_id), data, ctx.relay)
    return read.model_dump(mode="json")


REGISTRY = Registry([Kind(DecisionKind.CLAIM_STOP, frozenset({Role.CASE_MANAGER}), _stop_acceptance)])
