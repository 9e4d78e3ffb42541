from __future__ import annotations

from typing import Annotated

import asyncpg
from fastapi import APIRouter, Depends, Query, Response, status

from services.benefits.policy import repository, service
from services.benefits.policy.schemas import (
    BenefitAmountCreate,
    BenefitAmountRead,
    DurationRowRead,
    DurationTableCreate,
    ParameterName,
    PolicyInForceRead,
    PolicyParameterCreate,
    PolicyParameterRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now
from shared.http import created_or_repeated
from shared.inputs import Date, District

router = APIRouter(prefix="/policy", tags=["policy"])

writers = require_roles(Role.OPERATIONS, Role.FINANCE)
readers = require_roles(
    Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR, Role.SYSTEM
)


@router.post(
    "/parameters",
    response_model=PolicyParameterRead,
    status_code=status.HTTP_201_CREATED,
    summary="新增政策参数 (effective-dated); 200 when the same row exists, 409 when a different one does",
)
async def add_parameter(
    body: PolicyParameterCreate,
    response: Response,
    principal: Principal = Depends(writers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> PolicyParameterRead:
    row, created = await service.add_parameter(conn, principal, body)
    created_or_repeated(response, created)
    return row


@router.get("/parameters", response_model=list[PolicyParameterRead])
async def list_parameters(
    area_code: District | None = Query(None),
    name: ParameterName | None = None,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[PolicyParameterRead]:
    rows = await repository.list_parameters(conn, area_code, name.value if name else None)
    return [PolicyParameterRead(**dict(r)) for r in rows]


@router.post(
    "/durations",
    response_model=list[DurationRowRead],
    status_code=status.HTTP_201_CREATED,
    summary="新增一版领取期限表 (R-DUR-1/5), all bands at once",
)
async def add_duration_table(
    body: DurationTableCreate,
    response: Response,
    principal: Principal = Depends(writers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[DurationRowRead]:
    rows, created = await service.add_duration_table(conn, principal, body)
    created_or_repeated(response, created)
    return rows


@router.get("/durations", response_model=list[DurationRowRead])
async def list_durations(
    area_code: District | None = Query(None),
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[DurationRowRead]:
    return [DurationRowRead(**dict(r)) for r in await repository.list_durations(conn, area_code)]


@router.post(
    "/benefit-amounts",
    response_model=BenefitAmountRead,
    status_code=status.HTTP_201_CREATED,
    summary="新增失业保险金月标准 (R-AMT-1)",
)
async def add_benefit_amount(
    body: BenefitAmountCreate,
    response: Response,
    principal: Principal = Depends(writers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> BenefitAmountRead:
    row, created = await service.add_benefit_amount(conn, principal, body)
    created_or_repeated(response, created)
    return row


@router.get("/benefit-amounts", response_model=list[BenefitAmountRead])
async def list_benefit_amounts(
    area_code: District | None = Query(None),
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[BenefitAmountRead]:
    return [BenefitAmountRead(**dict(r)) for r in await repository.list_amounts(conn, area_code)]


@router.get(
    "/in-force",
    response_model=PolicyInForceRead,
    summary="政策参数 in force for a district on a date (most specific area, latest effective_from)",
)
async def policy_in_force(
    now: Now,
    district: Annotated[District, Query()],
    on: Date | None = None,
    principal: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> PolicyInForceRead:
    return await service.in_force(conn, district, on or now.today)
