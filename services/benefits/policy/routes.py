from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from services.benefits.policy import repository, service
from services.benefits.policy.auth import PolicyReader, PolicyWriter
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
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import Date, District

router = APIRouter(prefix="/policy", tags=["policy"])


@router.post(
    "/parameters",
    response_model=PolicyParameterRead,
    status_code=status.HTTP_201_CREATED,
    summary="新增政策参数 (effective-dated); 200 when the same row exists, 409 when a different one does",
)
async def add_parameter(
    body: PolicyParameterCreate,
    response: Response,
    principal: PolicyWriter,
    conn: Conn,
) -> PolicyParameterRead:
    written = await service.add_parameter(conn, principal, body)
    created_or_repeated(response, written.created)
    return written.value


@router.get("/parameters", response_model=list[PolicyParameterRead])
async def list_parameters(
    principal: PolicyReader,
    conn: Conn,
    area_code: District | None = Query(None),
    name: ParameterName | None = None,
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
    principal: PolicyWriter,
    conn: Conn,
) -> list[DurationRowRead]:
    written = await service.add_duration_table(conn, principal, body)
    created_or_repeated(response, written.created)
    return written.value


@router.get("/durations", response_model=list[DurationRowRead])
async def list_durations(
    principal: PolicyReader,
    conn: Conn,
    area_code: District | None = Query(None),
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
    principal: PolicyWriter,
    conn: Conn,
) -> BenefitAmountRead:
    written = await service.add_benefit_amount(conn, principal, body)
    created_or_repeated(response, written.created)
    return written.value


@router.get("/benefit-amounts", response_model=list[BenefitAmountRead])
async def list_benefit_amounts(
    principal: PolicyReader,
    conn: Conn,
    area_code: District | None = Query(None),
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
    principal: PolicyReader,
    conn: Conn,
    on: Date | None = None,
) -> PolicyInForceRead:
    return await service.in_force(conn, district, on or now.today)
