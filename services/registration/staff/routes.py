from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from services.registration.staff import service
from services.registration.staff.auth import StaffReader, StaffWriter
from services.registration.staff.schemas import (
    TIMELINESS_FILTER_DESCRIPTION,
    EmploymentRead,
    EnrolmentCreate,
    NoticeTimelinessFilter,
    SeparationCreate,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, Date

router = APIRouter(tags=["insured staff"])


@router.post(
    "/employers/{employer_id}/employments",
    response_model=EmploymentRead,
    status_code=status.HTTP_201_CREATED,
    summary="参保人员增加: enrol a person (R-REG-3 late flag); 200 with the same record when repeated",
    responses={409: {"description": "employer_sealed, employer_not_approved, employment_already_open"}},
)
async def enrol_person(
    employer_id: uuid.UUID,
    body: EnrolmentCreate,
    response: Response,
    now: Now,
    principal: StaffWriter,
    conn: Conn,
) -> EmploymentRead:
    result = await service.enrol(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, result.created)
    return result.value


@router.get(
    "/employers/{employer_id}/employments",
    response_model=list[EmploymentRead],
    summary="The employer's insured staff (ID numbers and names masked)",
)
async def list_employments(
    employer_id: uuid.UUID,
    principal: StaffReader,
    conn: Conn,
    open_only: bool = Query(False, description="only people still employed"),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[EmploymentRead]:
    return await service.list_employments(
        conn, principal, employer_id, open_only=open_only, limit=limit, offset=offset
    )


@router.get("/employments/{employment_id}", response_model=EmploymentRead, summary="One insured employment")
async def get_employment(
    employment_id: uuid.UUID,
    principal: StaffReader,
    conn: Conn,
) -> EmploymentRead:
    return await service.get_employment(conn, principal, employment_id)


@router.post(
    "/employments/{employment_id}/separation",
    response_model=EmploymentRead,
    summary="参保人员减少: separation date, R-ELIG-2 reason code, notice timeliness (R-EMP-1)",
    description="201 when recorded, 200 when the same separation is repeated, 409 for a different one.",
    status_code=status.HTTP_201_CREATED,
)
async def separate(
    employment_id: uuid.UUID,
    body: SeparationCreate,
    response: Response,
    now: Now,
    principal: StaffWriter,
    conn: Conn,
) -> EmploymentRead:
    employment, changed = await service.separate(conn, principal, employment_id, body, today=now.today)
    created_or_repeated(response, changed)
    return employment


@router.get(
    "/separations",
    response_model=list[EmploymentRead],
    summary="减员报送: separations filed in a period; `timeliness=late`: every notice after 7 days (R-EMP-1)",
)
async def list_separations(
    since: Annotated[Date, Query(examples=["2026-11-01"])],
    until: Annotated[Date, Query(examples=["2026-11-30"])],
    principal: StaffReader,
    conn: Conn,
    timeliness: NoticeTimelinessFilter | None = Query(None, description=TIMELINESS_FILTER_DESCRIPTION),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[EmploymentRead]:
    return await service.list_separations(
        conn, principal, timeliness=timeliness, since=since, until=until, limit=limit, offset=offset
    )
