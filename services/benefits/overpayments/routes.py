from __future__ import annotations

import uuid

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from services.benefits.approvals import service as approvals
from services.benefits.approvals.kinds import REGISTRY, ApprovalContext

from services.benefits.auth import ClaimReader
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from services.benefits.overpayments import service
from services.benefits.overpayments.auth import OverpaymentDecider, RecoveryRecorder
from services.benefits.overpayments.schemas import (
    OverpaymentDecisionCreate,
    OverpaymentRead,
    OverpaymentWorklistRead,
    RecoveryCreate,
    RecoveryStatus,
)
from shared.deps import Conn, Now
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response
from shared.inputs import OFFSET_MAX, District

router = APIRouter(prefix="/claims/{claim_id}/overpayments", tags=["overpayments"])
worklist_router = APIRouter(prefix="/overpayments", tags=["overpayments"])


@worklist_router.get(
    "",
    response_model=list[OverpaymentWorklistRead],
    summary="多发待遇清单 across claims, oldest first; `status=proposed`: awaiting a case manager's "
    "decision (R-FRAUD-1). A service point sees its own district's",
)
async def list_all_overpayments(
    principal: ClaimReader,
    conn: Conn,
    status_: RecoveryStatus | None = Query(None, alias="status"),
    district: District | None = Query(None),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[OverpaymentWorklistRead]:
    return await service.list_across_claims(
        conn, principal, status=status_, district=district, limit=limit, offset=offset
    )


@router.get("", response_model=list[OverpaymentRead], summary="多发待遇及追回记录 (R-STOP-1)")
async def list_overpayments(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[OverpaymentRead]:
    return await service.list_overpayments(conn, principal, claim_id)


@router.post(
    "/{overpayment_id}/decision",
    response_model=OverpaymentRead,
    summary="经办人员决定追回或免于追回 (R-FRAUD-1: the system only proposes); prepared for a second"
    " person's check (202, R-CTRL-1) where the province checks it",
    responses=PREPARED_RESPONSE,
)
async def decide_overpayment(
    claim_id: uuid.UUID,
    overpayment_id: uuid.UUID,
    body: OverpaymentDecisionCreate,
    now: Now,
    principal: OverpaymentDecider,
    conn: Conn,
    settings: Settings,
    ctx: ApprovalContext,
) -> OverpaymentRead | JSONResponse:
    prepared = await approvals.prepare_overpayment_decision(conn, principal, claim_id, overpayment_id, body, ctx)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    return await service.decide(conn, principal, claim_id, overpayment_id, body, now, letterhead_of(settings))


@router.post("/{overpayment_id}/recovery", response_model=OverpaymentRead, summary="财务登记多发待遇已退回")
async def record_recovery(
    claim_id: uuid.UUID,
    overpayment_id: uuid.UUID,
    body: RecoveryCreate,
    principal: RecoveryRecorder,
    conn: Conn,
) -> OverpaymentRead:
    return await service.record_recovery(conn, principal, claim_id, overpayment_id, body)
