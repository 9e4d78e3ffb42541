from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Response, status

from services.benefits.claims.routes import readers
from services.benefits.payments import service
from services.benefits.payments.schemas import PaymentCreate, PaymentRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
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
    principal: Principal = Depends(require_roles(Role.SYSTEM)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> PaymentRead:
    result = await service.record_payment(conn, principal, claim_id, body)
    created_or_repeated(response, result.created)
    return result.payment


@router.get("", response_model=list[PaymentRead])
async def list_payments(
    claim_id: uuid.UUID,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[PaymentRead]:
    return await service.list_payments(conn, principal, claim_id)
