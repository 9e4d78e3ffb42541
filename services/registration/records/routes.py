from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query, Response, status

from services.registration.records import service
from services.registration.records.schemas import (
    ContributionCorrectionCreate,
    ContributionRecordEntryRead,
    ContributionRecordRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn

router = APIRouter(prefix="/persons/{person_id}/contribution-records", tags=["contribution records"])


@router.get(
    "",
    response_model=ContributionRecordRead,
    summary="个人缴费记录: month by month across employers, cumulative contribution months (R-REC-1)",
)
async def get_record(
    person_id: uuid.UUID,
    history: bool = Query(False, description="also list every entry ever written, corrections included"),
    principal: Principal = Depends(
        require_roles(
            Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR, Role.SYSTEM
        )
    ),
    conn: asyncpg.Connection = Depends(get_conn),
) -> ContributionRecordRead:
    return await service.get_record(conn, principal, person_id, history=history)


@router.post(
    "/corrections",
    response_model=ContributionRecordEntryRead,
    status_code=status.HTTP_201_CREATED,
    summary="更正缴费记录: a new entry superseding the one in force, never an edit (R-REC-1); "
    "200 when the same request_key is repeated",
)
async def correct(
    person_id: uuid.UUID,
    body: ContributionCorrectionCreate,
    response: Response,
    principal: Principal = Depends(require_roles(Role.CASE_MANAGER)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> ContributionRecordEntryRead:
    result = await service.correct(conn, principal, person_id, body)
    if not result.created:
        response.status_code = status.HTTP_200_OK
    return result.entry
