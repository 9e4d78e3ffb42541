from __future__ import annotations

from fastapi import APIRouter, Query

from services.benefits.auth import ClaimReader
from services.benefits.holds import service
from services.benefits.holds.auth import HoldDecider
from services.benefits.holds.schemas import HoldDecision, HoldStatus, PaymentHoldRead
from shared.deps import Conn
from shared.inputs import OFFSET_MAX, District, RowId

router = APIRouter(prefix="/payment-holds", tags=["payment holds"])


@router.get(
    "",
    response_model=list[PaymentHoldRead],
    summary="暂停发放的支付指令 (R-HOLD-1), the oldest first; a service point sees its own district's",
)
async def list_holds(
    principal: ClaimReader,
    conn: Conn,
    status: HoldStatus | None = Query(None),
    district: District | None = Query(None),
    held_in_run: RowId | None = Query(None, description="the payroll run that held them"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[PaymentHoldRead]:
    return await service.list_holds(
        conn, principal, status=status, district=district, held_in_run=held_in_run,
        limit=limit, offset=offset,
    )


@router.get("/{hold_id}", response_model=PaymentHoldRead)
async def get_hold(hold_id: RowId, principal: ClaimReader, conn: Conn) -> PaymentHoldRead:
    return await service.get_hold(conn, principal, hold_id)


@router.post(
    "/{hold_id}/release",
    response_model=PaymentHoldRead,
    summary="放行: the next payroll run pays the instruction (once); repeated, the same answer",
)
async def release(hold_id: RowId, body: HoldDecision, principal: HoldDecider, conn: Conn) -> PaymentHoldRead:
    return await service.decide(conn, principal, hold_id, HoldStatus.RELEASED, body)


@router.post(
    "/{hold_id}/cancel",
    response_model=PaymentHoldRead,
    summary="取消: the instruction is cancelled with the reason and never paid; repeated, the same answer",
)
async def cancel(hold_id: RowId, body: HoldDecision, principal: HoldDecider, conn: Conn) -> PaymentHoldRead:
    return await service.decide(conn, principal, hold_id, HoldStatus.CANCELLED, body)
