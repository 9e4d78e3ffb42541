from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from services.benefits.approvals import service as approvals
from services.benefits.approvals.kinds import REGISTRY, ApprovalContext
from services.benefits.auth import ClaimReader
from services.benefits.claims import decision, record, service
from services.benefits.claims.auth import ClaimDecider, ClaimOpener, ClaimStopper, EvidenceProvider
from services.benefits.claims.schemas import (
    ClaimCreate,
    ClaimDecisionCreate,
    ClaimRead,
    ClaimRecordRead,
    ClaimStatus,
    ClaimStopCreate,
)
from services.benefits.deps import Settings
from services.benefits.entitlement.schemas import ClaimEvidence
from services.benefits.notices.issue import letterhead_of
from shared.deps import Conn, Now
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX

router = APIRouter(prefix="/claims", tags=["claims"])


@router.post(
    "",
    response_model=ClaimRead,
    status_code=status.HTTP_201_CREATED,
    summary="Open the claim of an unemployment registration (journey only); 200 when it exists",
)
async def open_claim(
    body: ClaimCreate,
    response: Response,
    now: Now,
    principal: ClaimOpener,
    conn: Conn,
    settings: Settings,
) -> ClaimRead:
    result = await service.open_claim(conn, principal, body, settings.review_days, now)
    created_or_repeated(response, result.created)
    return result.value


@router.get("", response_model=list[ClaimRead])
async def list_claims(
    now: Now,
    principal: ClaimReader,
    conn: Conn,
    status_: ClaimStatus | None = Query(None, alias="status"),
    review_overdue: bool = Query(False, description="R-REV-1: only claims still pending past their 10 days"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[ClaimRead]:
    return await service.list_claims(conn, principal, status_, limit, offset, now=now, overdue_only=review_overdue)


@router.get("/{claim_id}", response_model=ClaimRead)
async def get_claim(
    claim_id: uuid.UUID,
    now: Now,
    principal: ClaimReader,
    conn: Conn,
) -> ClaimRead:
    return service.to_read(await service.get_visible(conn, principal, claim_id), now)


@router.get(
    "/{claim_id}/record",
    response_model=ClaimRecordRead,
    summary="工作台一条龙页面的申领记录一次读取: 申领、支付记录和补贴, 与三个单独接口的答复相同, "
    "在同一只读事务中读取",
)
async def get_claim_record(
    claim_id: uuid.UUID,
    now: Now,
    principal: ClaimReader,
    conn: Conn,
) -> ClaimRecordRead:
    return await record.read_record(conn, principal, claim_id, now)


@router.post(
    "/{claim_id}/evidence",
    response_model=ClaimRead,
    summary="Attach the insurance-history evidence to a claim opened without it (once; 200 when repeated)",
)
async def attach_evidence(
    claim_id: uuid.UUID,
    body: ClaimEvidence,
    now: Now,
    principal: EvidenceProvider,
    conn: Conn,
) -> ClaimRead:
    return (await service.attach_evidence(conn, principal, claim_id, body, now)).value


@router.post(
    "/{claim_id}/decision",
    response_model=ClaimRead,
    summary="待遇审核决定 (R-REV-1): approve with the entitlement, or reject with reasons;"
    " an approval is prepared for a second person's check (202, R-CTRL-1) where the province checks it",
    responses=PREPARED_RESPONSE,
)
async def decide_claim(
    claim_id: uuid.UUID,
    body: ClaimDecisionCreate,
    request: Request,
    now: Now,
    principal: ClaimDecider,
    conn: Conn,
    settings: Settings,
    ctx: ApprovalContext,
) -> ClaimRead | JSONResponse:
    prepared = await approvals.prepare_claim_decision(conn, principal, claim_id, body, ctx)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    return await decision.decide(
        conn, principal, claim_id, body, request.app.state.outbox, now, letterhead_of(settings)
    )


@router.post(
    "/{claim_id}/stop",
    response_model=ClaimRead,
    summary="停发待遇 (R-STOP-1) from the event date; repeating the same stop changes nothing;"
    " a case manager's stop is prepared for a second person's check (202, R-CTRL-1) where the province checks it",
    responses=PREPARED_RESPONSE,
)
async def stop_claim(
    claim_id: uuid.UUID,
    body: ClaimStopCreate,
    request: Request,
    now: Now,
    principal: ClaimStopper,
    conn: Conn,
    settings: Settings,
    ctx: ApprovalContext,
) -> ClaimRead | JSONResponse:
    prepared = await approvals.prepare_stop(conn, principal, claim_id, body, ctx)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    written = await service.stop(conn, principal, claim_id, body, request.app.state.outbox, now, letterhead_of(settings))
    return written.value
