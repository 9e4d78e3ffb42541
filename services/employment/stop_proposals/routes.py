from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Request

from services.employment.referrals.schemas import StopDecisionCreate, StopProposalRead
from services.employment.stop_proposals import service
from services.employment.stop_proposals.auth import StopProposalDecider, StopProposalReader
from shared.deps import Conn
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
    summary="经办人员决定是否采纳停发建议 (a human decision, never automatic)",
)
async def decide(
    proposal_id: uuid.UUID,
    body: StopDecisionCreate,
    request: Request,
    principal: StopProposalDecider,
    conn: Conn,
) -> StopProposalRead:
    return await service.decide(conn, principal, proposal_id, body, request.app.state.outbox)
