from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from services.employment.approvals import service as approvals
from services.employment.approvals.kinds import REGISTRY, ApprovalContext
from services.employment.referrals.schemas import StopDecisionCreate, StopProposalRead
from services.employment.stop_proposals import service
from services.employment.stop_proposals.auth import StopProposalDecider, StopProposalReader
from shared.deps import Conn, Now
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response
from shared.inputs import OFFSET_MAX

router = APIRouter(prefix="/stop-proposals", tags=["vacancies and referrals"])


@router.get("", response_model=list[StopProposalRead], summary="停发建议 (for case managers to decide)")
async def list_proposals(
    principal: StopProposalReader,
    conn: Conn,
    status_filter: Literal["open", "accepted", "rejected"] | None = Query(None, alias="status"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[StopProposalRead]:
    return await service.list_proposals(conn, principal, status_filter, limit, offset)


@router.get("/{proposal_id}", response_model=StopProposalRead)
async def get_proposal(
    proposal_id: uuid.UUID,
    principal: StopProposalReader,
    conn: Conn,
) -> StopProposalRead:
    return await service.get(conn, principal, proposal_id)


@router.post(
    "/{proposal_id}/decision",
    response_model=StopProposalRead,
    summary="经办人员决定是否采纳停发建议 (a human decision, never automatic); accepting it (a stop,"
    " R-STOP-1) is prepared for a second case manager's check (202, R-CTRL-1) where the province checks claim_stop",
    responses=PREPARED_RESPONSE,
)
async def decide(
    proposal_id: uuid.UUID,
    body: StopDecisionCreate,
    request: Request,
    now: Now,
    principal: StopProposalDecider,
    conn: Conn,
    ctx: ApprovalContext,
) -> StopProposalRead | JSONResponse:
    prepared = await approvals.prepare_stop_acceptance(conn, principal, proposal_id, body, now, ctx)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    return await service.decide(conn, principal, proposal_id, body, request.app.state.outbox)
