from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.transfers import service
from services.benefits.transfers.auth import TransferDecider
from services.benefits.transfers.schemas import TransferOutCreate, TransferOutRead
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from shared.deps import Conn, Now
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
    principal: TransferDecider,
    conn: Conn,
    settings: Settings,
) -> TransferOutRead:
    written = await service.transfer_out(
        conn, principal, claim_id, body, request.app.state.outbox, now, letterhead_of(settings)
    )
    created_or_repeated(response, written.created)
    return written.value


@router.get("", response_model=TransferOutRead)
async def get_transfer(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> TransferOutRead:
    return await service.get_transfer(conn, principal, claim_id)
