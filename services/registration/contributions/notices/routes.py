"""An employer's written decisions (R-NOTICE-1): the list, the PDF as issued, the delivery."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from services.registration.contributions.notices import service
from services.registration.contributions.notices.auth import EmployerNoticeDeliverer, EmployerNoticeReader
from services.registration.contributions.notices.schemas import EmployerDecisionNoticeRead
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.notices.http import PDF_RESPONSES, pdf_download
from shared.notices.delivery import DeliveryCreate

router = APIRouter(tags=["employer decision notices"])


@router.get(
    "/employers/{employer_id}/decision-notices",
    response_model=list[EmployerDecisionNoticeRead],
    summary="单位的决定书 (R-NOTICE-1): contribution assessments, settlements with late fees, fines; oldest "
    "first, with the delivery and the appeal deadlines it starts (R-APPEAL-1)",
)
async def list_employer_decision_notices(
    employer_id: uuid.UUID,
    principal: EmployerNoticeReader,
    conn: Conn,
) -> list[EmployerDecisionNoticeRead]:
    return await service.list_for_employer(conn, principal, employer_id)


@router.get(
    "/employer-decision-notices/{notice_id}.pdf",
    response_class=Response,
    responses=PDF_RESPONSES,
    summary="单位决定书 PDF, byte for byte as issued",
)
async def employer_decision_notice_pdf(
    notice_id: uuid.UUID,
    principal: EmployerNoticeReader,
    conn: Conn,
) -> Response:
    return pdf_download(await service.pdf_of(conn, principal, notice_id), "employer-decision-notice", notice_id)


@router.post(
    "/employer-decision-notices/{notice_id}/delivery",
    response_model=EmployerDecisionNoticeRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记单位决定书送达 (R-NOTICE-1): in person, by post or online, once; the delivery date starts "
    "the appeal clock (R-APPEAL-1); 200 when the same delivery is repeated",
)
async def record_employer_notice_delivery(
    notice_id: uuid.UUID,
    body: DeliveryCreate,
    response: Response,
    now: Now,
    principal: EmployerNoticeDeliverer,
    conn: Conn,
) -> EmployerDecisionNoticeRead:
    result = await service.record_delivery(conn, principal, notice_id, body, now)
    created_or_repeated(response, result.created)
    return result.value
