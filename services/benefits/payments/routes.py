from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.payments import service
from services.benefits.payments.auth import PaymentRecorder
from services.benefits.payments.schemas import PaymentCreate, PaymentRead
from shared.deps import Conn
from shared.http import created_or_repeated

router = APIRouter(prefix="/claims/{claim_id}/payments", tags=["payments"])


@router.post(
    "",
    response_model=PaymentRead,
    status_code=status.HTTP_201_CREATED,
    summary="Record a month's payment (journey only); 200 with the same payment when repeated",
)
async def record_payment(
    claim_id: uuid.UUID,
    body: PaymentCreate,
    response: Response,
    principal: PaymentRecorder,
    conn: Conn,
) -> PaymentRead:
    result = await service.record_payment(conn, principal, claim_id, body)
    created_or_repeated(response, result.created)
    return result.value


@router.get("", response_model=list[PaymentRead])
async def list_payments(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[PaymentRead]:
    return await service.list_payments(conn, principal, claim_id)
