from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query

from services.benefits.audit import service
from services.benefits.audit.registration_client import (
    RegistrationClient,
    registration_client,
)
from services.benefits.audit.schemas import (
    CrossMatchRunCreate,
    CrossMatchRunRead,
    ReviewDecisionCreate,
    ReviewItemRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now
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
    principal: Principal = Depends(require_roles(Role.OPERATIONS, Role.SYSTEM)),
    registration: RegistrationClient = Depends(registration_client),
    conn: asyncpg.Connection = Depends(get_conn),
) -> CrossMatchRunRead:
    return await service.run_cross_match(conn, principal, registration, body, now.today)


@router.get("/review-items", response_model=list[ReviewItemRead])
async def list_review_items(
    status: Text | None = Query(None, pattern="^(open|confirmed|dismissed)$"),
    claim_id: uuid.UUID | None = None,
    principal: Principal = Depends(require_roles(Role.CASE_MANAGER, Role.AUDITOR, Role.OPERATIONS)),
    conn: asyncpg.Connection = Depends(get_conn),
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
    principal: Principal = Depends(require_roles(Role.CASE_MANAGER)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> ReviewItemRead:
    return await service.review(conn, principal, item_id, body)
