from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response, status

from services.benefits.appeals import outcome, service
from services.benefits.appeals.auth import AppealDecider, AppealReader, AppealRecorder
from services.benefits.appeals.schemas import (
    AppealCreate,
    AppealRead,
    AppealStatus,
    OutcomeCreate,
    ReplyFiled,
    RevokedStopRead,
)
from services.benefits.deps import Settings
from services.benefits.notices.issue import letterhead_of
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX

router = APIRouter(prefix="/appeals", tags=["appeals"])


@router.post(
    "",
    response_model=AppealRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记行政复议或行政诉讼 (R-APPEAL-1) against a written decision; refused past its window "
    "(R-NOTICE-1); 200 when the same case is repeated",
)
async def record_appeal(
    body: AppealCreate, request: Request, response: Response, now: Now, principal: AppealRecorder, conn: Conn
) -> AppealRead:
    written = await service.record(conn, principal, body, now)
    await request.app.state.outbox.dispatch(written.outbox_ids)
    created_or_repeated(response, written.created)
    return written.value


@router.get(
    "",
    response_model=list[AppealRead],
    summary="复议答复期限 worklist: the replies most urgently due first (days_left, escalated); a service "
    "point sees its own district's",
)
async def list_appeals(
    now: Now,
    principal: AppealReader,
    conn: Conn,
    status_: AppealStatus | None = Query(None, alias="status"),
    claim_id: uuid.UUID | None = Query(None),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[AppealRead]:
    return await service.list_appeals(
        conn, principal, status=status_, claim_id=claim_id, limit=limit, offset=offset, now=now
    )


@router.get(
    "/revoked-stops",
    response_model=list[RevokedStopRead],
    summary="撤销停发待重新登记 worklist (R-APPEAL-1, R-STOP-1): the stops a body revoked, oldest first; the "
    "journey ended with the stop, so the person is to register again (R-DUR-2 carries the months not drawn) and "
    "the stop's proposed overpayments waived; open until the person's next claim (open_only=false: all)",
)
async def list_revoked_stops(
    principal: AppealReader,
    conn: Conn,
    open_only: bool = Query(True),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[RevokedStopRead]:
    return await service.list_revoked_stops(conn, principal, open_only=open_only, limit=limit, offset=offset)


@router.get("/{appeal_id}", response_model=AppealRead)
async def get_appeal(appeal_id: uuid.UUID, now: Now, principal: AppealReader, conn: Conn) -> AppealRead:
    return service.to_read(await service.visible(conn, principal, appeal_id), now)


@router.post(
    "/{appeal_id}/reply-filed",
    response_model=AppealRead,
    summary="书面答复和证据已提交 (R-APPEAL-1: within 10 days of receiving the copy); repeated, the same answer",
)
async def reply_filed(
    appeal_id: uuid.UUID, body: ReplyFiled, now: Now, principal: AppealDecider, conn: Conn
) -> AppealRead:
    return await service.file_reply(conn, principal, appeal_id, body, now)


@router.post(
    "/{appeal_id}/outcome",
    response_model=AppealRead,
    summary="复议决定或裁判结果 (R-APPEAL-1), carried out in the same transaction (a revoked rejection: "
    "the claim approved from its original start date); repeated, the same answer",
)
async def record_outcome(
    appeal_id: uuid.UUID,
    body: OutcomeCreate,
    request: Request,
    now: Now,
    principal: AppealDecider,
    conn: Conn,
    settings: Settings,
) -> AppealRead:
    written = await outcome.record_outcome(
        conn, principal, appeal_id, body, now, letterhead=letterhead_of(settings), review_days=settings.review_days
    )
    await request.app.state.outbox.dispatch(written.outbox_ids)
    return written.value
