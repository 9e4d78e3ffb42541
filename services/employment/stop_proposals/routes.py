from __future__ import annotations

import uuid
from typing import Literal

import asyncpg
from fastapi import APIRouter, Depends, Query, Request

from services.employment.referrals.schemas import StopDecisionCreate, StopProposalRead
from services.employment.stop_proposals import service
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.inputs import OFFSET_MAX

router = APIRouter(prefix="/stop-proposals", tags=["vacancies and referrals"])

readers = require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR)


@router.get("", response_model=list[StopProposalRead], summary="停发建议 (for case managers to decide)")
async def list_proposals(
    status_filter: Literal["open", "accepted", "rejected"] | None = Query(None, alias="status"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[StopProposalRead]:
    return await service.list_proposals(conn, principal, status_filter, limit, offset)


@router.get("/{proposal_id}", response_model=StopProposalRead)
async def get_proposal(
    proposal_id: uuid.UUID,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
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
    principal: Principal = Depends(require_roles(Role.CASE_MANAGER)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> StopProposalRead:
    return await service.decide(conn, principal, proposal_id, body, request.app.state.outbox)
