from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.claims.service import get_visible
from services.benefits.notices import repository, service
from services.benefits.notices.auth import DecisionNoticeReader, DeliveryRecorder, NoticeRunner
from services.benefits.notices.schemas import (
    DecisionNoticeRead,
    DeliveryCreate,
    NoticeRead,
    PreExpiryRunCreate,
    PreExpiryRunRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.notices.http import PDF_RESPONSES, pdf_download

router = APIRouter(tags=["notices"])


@router.post(
    "/notices/pre-expiry-runs",
    response_model=PreExpiryRunRead,
    summary="到期前告知 (R-STOP-2): a notice for each claim one month before its last benefit month; once per claim",
)
async def run_pre_expiry_notices(
    body: PreExpiryRunCreate,
    now: Now,
    principal: NoticeRunner,
    conn: Conn,
) -> PreExpiryRunRead:
    as_of = body.as_of or now.today
    async with conn.transaction():
        created = await repository.create_pre_expiry(conn, as_of, principal.subject)
    return PreExpiryRunRead(as_of=as_of, created=created)


@router.get("/claims/{claim_id}/notices", response_model=list[NoticeRead])
async def list_notices(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[NoticeRead]:
    await get_visible(conn, principal, claim_id)
    return [NoticeRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]


@router.get(
    "/claims/{claim_id}/decision-notices",
    response_model=list[DecisionNoticeRead],
    summary="决定书 (R-NOTICE-1) of a claim, oldest first, with the delivery and the appeal deadlines it starts",
)
async def list_decision_notices(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[DecisionNoticeRead]:
    return await service.list_for_claim(conn, principal, claim_id)


@router.get(
    "/decision-notices/{notice_id}.pdf",
    response_class=Response,
    responses=PDF_RESPONSES,
    summary="决定书 PDF, byte for byte as issued",
)
async def decision_notice_pdf(
    notice_id: uuid.UUID,
    principal: DecisionNoticeReader,
    conn: Conn,
) -> Response:
    return pdf_download(await service.pdf_of(conn, principal, notice_id), "decision-notice", notice_id)


@router.post(
    "/decision-notices/{notice_id}/delivery",
    response_model=DecisionNoticeRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记决定书送达 (R-NOTICE-1): once; the delivery date starts the appeal clock (R-APPEAL-1); "
    "200 when the same delivery is repeated",
)
async def record_delivery(
    notice_id: uuid.UUID,
    body: DeliveryCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: DeliveryRecorder,
    conn: Conn,
) -> DecisionNoticeRead:
    result = await service.record_delivery(conn, principal, notice_id, body, now)
    await request.app.state.outbox.dispatch(result.outbox_ids)
    created_or_repeated(response, result.created)
    return result.value
