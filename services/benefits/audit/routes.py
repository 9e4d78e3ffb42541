from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from services.benefits.audit import service
from services.benefits.audit.auth import CrossMatchRunner, ReviewDecider, ReviewItemReader
from services.benefits.audit.registration_client import Registration
from services.benefits.audit.schemas import (
    CrossMatchRunCreate,
    CrossMatchRunRead,
    ReviewDecisionCreate,
    ReviewItemRead,
)
from shared.deps import Conn, Now
from shared.inputs import Text

router = APIRouter(prefix="/audit", tags=["audit"])


@router.post(
    "/cross-match-runs",
    response_model=CrossMatchRunRead,
    summary="稽核比对 (R-FRAUD-1): benefit months × new contribution records → review items, never a stop",
)
async def run_cross_match(
    body: CrossMatchRunCreate,
    now: Now,
    principal: CrossMatchRunner,
    registration: Registration,
    conn: Conn,
) -> CrossMatchRunRead:
    return await service.run_cross_match(conn, principal, registration, body, now.today)


@router.get("/review-items", response_model=list[ReviewItemRead])
async def list_review_items(
    principal: ReviewItemReader,
    conn: Conn,
    status: Text | None = Query(None, pattern="^(open|confirmed|dismissed)$"),
    claim_id: uuid.UUID | None = None,
) -> list[ReviewItemRead]:
    return await service.list_items(conn, principal, status, claim_id)


@router.post(
    "/review-items/{item_id}/decision",
    response_model=ReviewItemRead,
    summary="经办人员复核稽核疑点: confirmed (then decide the stop / recovery yourself) or dismissed",
)
async def review_item(
    item_id: uuid.UUID,
    body: ReviewDecisionCreate,
    principal: ReviewDecider,
    conn: Conn,
) -> ReviewItemRead:
    return await service.review(conn, principal, item_id, body)
