from __future__ import annotations

from typing import Annotated

import uuid

from fastapi import APIRouter, Query, Request, Response, status

from services.benefits.auth import ClaimReader
from services.benefits.deps import Settings
from services.benefits.document_requests import service
from services.benefits.document_requests.auth import DocumentRequester, IncompleteCloser, ReceiptRecorder
from services.benefits.document_requests.schemas import (
    DocumentRequestCreate,
    DocumentRequestRead,
    DocumentSupplyPolicyCreate,
    DocumentSupplyPolicyRead,
)
from services.benefits.notices.issue import letterhead_of
from services.benefits.policy.auth import PolicyReader, PolicyWriter
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import Date, District

router = APIRouter(prefix="/claims/{claim_id}/document-requests", tags=["document requests"])
policy_router = APIRouter(prefix="/policy/document-supply", tags=["policy"])


@router.post(
    "",
    response_model=DocumentRequestRead,
    status_code=status.HTTP_201_CREATED,
    summary="一次性告知补正材料 (R-RFI-1): every missing document at once, once per claim; the review "
    "clock pauses until the documents are in",
)
async def request_documents(
    claim_id: uuid.UUID,
    body: DocumentRequestCreate,
    request: Request,
    now: Now,
    principal: DocumentRequester,
    conn: Conn,
    settings: Settings,
) -> DocumentRequestRead:
    return await service.request_documents(
        conn, principal, claim_id, body, request.app.state.outbox, now, letterhead_of(settings)
    )


@router.get("", response_model=list[DocumentRequestRead])
async def list_requests(claim_id: uuid.UUID, principal: ClaimReader, conn: Conn) -> list[DocumentRequestRead]:
    return await service.list_for_claim(conn, principal, claim_id)


@router.post(
    "/{request_id}/receipt",
    response_model=DocumentRequestRead,
    summary="材料已补齐: the review's 10 days (R-REV-1) count from now; repeated, the same answer",
)
async def record_receipt(
    claim_id: uuid.UUID,
    request_id: uuid.UUID,
    request: Request,
    now: Now,
    principal: ReceiptRecorder,
    conn: Conn,
    settings: Settings,
) -> DocumentRequestRead:
    return await service.record_receipt(
        conn, principal, claim_id, request_id, request.app.state.outbox, now, settings.review_days
    )


@router.post(
    "/{request_id}/closure",
    response_model=DocumentRequestRead,
    summary="逾期未补正, 终止办理 (journey only, past the supply deadline); refused once the documents came",
)
async def close_incomplete(
    claim_id: uuid.UUID,
    request_id: uuid.UUID,
    now: Now,
    principal: IncompleteCloser,
    conn: Conn,
    settings: Settings,
) -> DocumentRequestRead:
    return await service.close_incomplete(conn, principal, claim_id, request_id, now, letterhead_of(settings))


@policy_router.post(
    "",
    response_model=DocumentSupplyPolicyRead,
    status_code=status.HTTP_201_CREATED,
    summary="新增补正期限 (R-RFI-1, effective-dated); 200 when the same row exists, 409 when a different one does",
)
async def add_supply_policy(
    body: DocumentSupplyPolicyCreate, response: Response, principal: PolicyWriter, conn: Conn
) -> DocumentSupplyPolicyRead:
    written = await service.add_supply_policy(conn, principal, body)
    created_or_repeated(response, written.created)
    return written.value


@policy_router.get("", response_model=list[DocumentSupplyPolicyRead])
async def list_supply_policies(
    principal: PolicyReader, conn: Conn, area_code: District | None = Query(None)
) -> list[DocumentSupplyPolicyRead]:
    return await service.list_supply_policies(conn, area_code)


@policy_router.get("/in-force", response_model=DocumentSupplyPolicyRead)
async def supply_policy_in_force(
    principal: PolicyReader, conn: Conn, district: Annotated[District, Query()], on: Annotated[Date, Query()]
) -> DocumentSupplyPolicyRead:
    return await service.supply_policy_in_force(conn, district, on)
