from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends

from services.benefits.claims.routes import readers
from services.benefits.overpayments import service
from services.benefits.overpayments.schemas import OverpaymentRead
from shared.auth import Principal
from shared.db import get_conn

router = APIRouter(prefix="/claims/{claim_id}/overpayments", tags=["overpayments"])


@router.get("", response_model=list[OverpaymentRead], summary="多发待遇及追回记录 (R-STOP-1)")
async def list_overpayments(
    claim_id: uuid.UUID,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[OverpaymentRead]:
    return await service.list_overpayments(conn, principal, claim_id)
