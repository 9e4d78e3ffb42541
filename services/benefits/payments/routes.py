from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.payments import service
from services.benefits.payments.auth import PaymentRecorder
from services.benefits.payments.schemas import PaymentCreate, PaymentRead, WithheldMonthRead
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, District

router = APIRouter(prefix="/claims/{claim_id}/payments", tags=["payments"])
withheld_router = APIRouter(prefix="/payments", tags=["payments"])


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


@withheld_router.get(
    "/withheld",
    response_model=list[WithheldMonthRead],
    summary="暂停发放清单 (R-MON-1): benefit months begun and not paid, withheld until the job-search "
    "report is in, the longest-waiting first; a service point sees its own district's",
)
async def list_withheld_months(
    now: Now,
    principal: ClaimReader,
    conn: Conn,
    district: District | None = Query(None),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[WithheldMonthRead]:
    return await service.withheld_months(
        conn, principal, district=district, today=now.today, limit=limit, offset=offset
    )
