"""When accepting a stop proposal is prepared instead of carried out (R-CTRL-1, R-STOP-1): the
province checks ``claim_stop`` and the proposal is open. Rejecting a proposal keeps the benefit
going and stays one step; a decided proposal is answered by the decision as before. The decision
is tried first (shared four_eyes.try_out), so its refusal reaches the preparer at once."""

from __future__ import annotations

import uuid

import asyncpg

from services.employment.approvals.kinds import REGISTRY, Context
from services.employment.job_seekers import repository as job_seekers
from services.employment.referrals.schemas import StopDecisionCreate
from services.employment.stop_proposals import service as stop_proposals
from shared import four_eyes
from shared.auth import Principal
from shared.clock import Moment
from shared.four_eyes_schemas import DecisionKind
from shared.results import Written


async def prepare_stop_acceptance(
    conn: asyncpg.Connection,
    principal: Principal,
    proposal_id: uuid.UUID,
    data: StopDecisionCreate,
    now: Moment,
    ctx: Context,
) -> Written[asyncpg.Record] | None:
    if not data.accepted:
        return None
    async with conn.transaction():
        proposal = await stop_proposals.get(conn, principal, proposal_id)
        if proposal.status != "open":
            return None
        district = (await job_seekers.get(conn, proposal.job_seeker_id))["district"]
        if not await four_eyes.required(conn, DecisionKind.CLAIM_STOP, district, now.today):
            return None
        return await four_eyes.prepare(
            conn, kind=DecisionKind.CLAIM_STOP, subject_id=str(proposal_id), payload=data.model_dump(mode="json"),
            district=district, principal=principal, now=now, reason=data.note or None,
            registry=REGISTRY, context=ctx,
        )
