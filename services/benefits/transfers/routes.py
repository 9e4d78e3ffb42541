from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Request, Response, status

from services.benefits.claims.routes import readers
from services.benefits.transfers import service
from services.benefits.transfers.schemas import TransferOutCreate, TransferOutRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now
from shared.http import created_or_repeated

router = APIRouter(prefix="/claims/{claim_id}/transfer-out", tags=["transfers"])


@router.post(
    "",
    response_model=TransferOutRead,
    status_code=status.HTTP_201_CREATED,
    summary="失业保险关系转出 (R-XFER-1): close the claim with its remaining entitlement and what moves with it",
)
async def transfer_out(
    claim_id: uuid.UUID,
    body: TransferOutCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: Principal = Depends(require_roles(Role.CASE_MANAGER)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> TransferOutRead:
    transfer, created = await service.transfer_out(conn, principal, claim_id, body, request.app.state.outbox, now)
    created_or_repeated(response, created)
    return transfer


@router.get("", response_model=TransferOutRead)
async def get_transfer(
    claim_id: uuid.UUID,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> TransferOutRead:
    return await service.get_transfer(conn, principal, claim_id)
