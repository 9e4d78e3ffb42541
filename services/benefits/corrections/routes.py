"""自行纠错 (R-CORR-1): a case manager prepares the correction of a claim's decision with a reason;
another case manager approves it at POST /approvals/{id}/approve (R-CTRL-1), which carries it out."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from services.benefits.auth import ClaimReader
from services.benefits.corrections import service
from services.benefits.corrections.auth import CorrectionPreparer
from services.benefits.corrections.schemas import CorrectionCreate, CorrectionRead
from shared.deps import Conn, Now
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response

router = APIRouter(prefix="/claims/{claim_id}/corrections", tags=["corrections"])


@router.post(
    "",
    status_code=202,
    responses=PREPARED_RESPONSE,
    summary="提交自行纠错 (R-CORR-1): prepared for a second case manager's approval (R-CTRL-1, always)",
)
async def prepare_correction(
    claim_id: uuid.UUID, body: CorrectionCreate, now: Now, principal: CorrectionPreparer, conn: Conn
) -> JSONResponse:
    written = await service.prepare(conn, principal, claim_id, body, now)
    return prepared_response(service.REGISTRY, written)


@router.get("", response_model=list[CorrectionRead], summary="该申领的自行纠错记录, with each month recomputed")
async def list_corrections(claim_id: uuid.UUID, principal: ClaimReader, conn: Conn) -> list[CorrectionRead]:
    return await service.list_corrections(conn, principal, claim_id)


@router.get("/{correction_id}", response_model=CorrectionRead)
async def get_correction(
    claim_id: uuid.UUID, correction_id: uuid.UUID, principal: ClaimReader, conn: Conn
) -> CorrectionRead:
    return await service.get_correction(conn, principal, claim_id, correction_id)
