from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from services.registration.contributions import arrears as owed
from services.registration.contributions import payments, service, settlement
from services.registration.contributions.auth import (
    ContributionAssessor,
    ContributionDeclarer,
    ContributionReader,
    FineRecorder,
    PaymentRecorder,
)
from services.registration.contributions.schemas import (
    ArrearsStatementRead,
    AssessmentCreate,
    ContributionMonthText,
    DeclarationCreate,
    DeclarationRead,
    EmployerArrearsRead,
    FineCreate,
    FineRead,
    PaymentCreate,
    PaymentRead,
    parse_month,
)
from services.registration.deps import Settings
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, Date, District
from shared.notices.render import letterhead_of

router = APIRouter(prefix="/employers/{employer_id}", tags=["contributions"])


@router.post(
    "/declarations",
    response_model=DeclarationRead,
    status_code=status.HTTP_201_CREATED,
    summary="月度缴费申报 (R-DECL-1, R-RATE-1/2); 200 with the first declaration when repeated",
    responses={409: {"description": "month already declared or assessed; employer sealed"}},
)
async def declare(
    employer_id: uuid.UUID,
    body: DeclarationCreate,
    response: Response,
    now: Now,
    principal: ContributionDeclarer,
    conn: Conn,
) -> DeclarationRead:
    result = await service.declare(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, result.created)
    return result.value


@router.post(
    "/assessments",
    response_model=DeclarationRead,
    status_code=status.HTTP_201_CREATED,
    summary="核定未申报月份: 110% of the previous month's amount (R-DECL-1); 200 when repeated",
)
async def assess(
    employer_id: uuid.UUID,
    body: AssessmentCreate,
    response: Response,
    now: Now,
    principal: ContributionAssessor,
    conn: Conn,
    settings: Settings,
) -> DeclarationRead:
    result = await service.assess(conn, principal, employer_id, body, today=now.today, letterhead=letterhead_of(settings))
    created_or_repeated(response, result.created)
    return result.value


@router.post(
    "/settlements",
    response_model=DeclarationRead,
    status_code=status.HTTP_201_CREATED,
    summary="结算: the employer's late declaration replaces the 110% assessment of the month "
    "(R-DECL-1); records follow as correction entries (R-REC-1); 200 when repeated",
)
async def settle(
    employer_id: uuid.UUID,
    body: DeclarationCreate,
    response: Response,
    now: Now,
    principal: ContributionDeclarer,
    conn: Conn,
    settings: Settings,
) -> DeclarationRead:
    result = await settlement.settle(
        conn, principal, employer_id, body, today=now.today, letterhead=letterhead_of(settings)
    )
    created_or_repeated(response, result.created)
    return result.value


@router.get("/declarations", response_model=list[DeclarationRead], summary="申报与核定记录 (without lines)")
async def list_declarations(
    employer_id: uuid.UUID,
    principal: ContributionReader,
    conn: Conn,
    year: int | None = Query(None, ge=1990, le=2200),
) -> list[DeclarationRead]:
    return await service.list_declarations(conn, principal, employer_id, year)


@router.get(
    "/declarations/{contribution_month}",
    response_model=DeclarationRead,
    summary="One month's declaration with each person's base and amounts",
)
async def get_declaration(
    employer_id: uuid.UUID,
    contribution_month: Annotated[ContributionMonthText, Path(examples=["2026-03"], description="YYYY-MM")],
    principal: ContributionReader,
    conn: Conn,
) -> DeclarationRead:
    return await service.get_declaration(conn, principal, employer_id, parse_month(contribution_month))


@router.post(
    "/payments",
    response_model=PaymentRead,
    status_code=status.HTTP_201_CREATED,
    summary="缴款: contributions of a month (late fee charged, R-LATE-1), late fees or a fine; "
    "200 when the same reference is repeated",
)
async def record_payment(
    employer_id: uuid.UUID,
    body: PaymentCreate,
    response: Response,
    now: Now,
    principal: PaymentRecorder,
    conn: Conn,
) -> PaymentRead:
    result = await payments.record_payment(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, result.created)
    return result.value


@router.get("/payments", response_model=list[PaymentRead])
async def list_payments(
    employer_id: uuid.UUID,
    principal: ContributionReader,
    conn: Conn,
) -> list[PaymentRead]:
    return await payments.list_payments(conn, principal, employer_id)


@router.post(
    "/fines",
    response_model=FineRead,
    status_code=status.HTTP_201_CREATED,
    summary="记录罚款决定 (R-LATE-1); 200 when the same decision is repeated",
)
async def record_fine(
    employer_id: uuid.UUID,
    body: FineCreate,
    response: Response,
    now: Now,
    principal: FineRecorder,
    conn: Conn,
    settings: Settings,
) -> FineRead:
    result = await payments.record_fine(
        conn, principal, employer_id, body, today=now.today, letterhead=letterhead_of(settings)
    )
    created_or_repeated(response, result.created)
    return result.value


@router.get("/fines", response_model=list[FineRead])
async def list_fines(
    employer_id: uuid.UUID,
    principal: ContributionReader,
    conn: Conn,
) -> list[FineRead]:
    return await payments.list_fines(conn, principal, employer_id)


@router.get(
    "/arrears",
    response_model=ArrearsStatementRead,
    summary="欠费明细: contributions, late fees (R-LATE-1) and fines unpaid on a date",
)
async def arrears(
    employer_id: uuid.UUID,
    now: Now,
    principal: ContributionReader,
    conn: Conn,
    as_of: Date | None = Query(None, description="defaults to today"),
) -> ArrearsStatementRead:
    return await owed.get_arrears(conn, principal, employer_id, as_of or now.today)


arrears_router = APIRouter(prefix="/contribution-arrears", tags=["contributions"])


@arrears_router.get(
    "",
    response_model=list[EmployerArrearsRead],
    summary="欠费单位清单: employers owing contributions, late fees (R-LATE-1) or fines on a date",
)
async def list_employers_in_arrears(
    now: Now,
    principal: ContributionReader,
    conn: Conn,
    as_of: Date | None = Query(None, description="defaults to today"),
    district: District | None = Query(None, description="行政区划代码; a service point always gets its own"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[EmployerArrearsRead]:
    return await owed.list_employers_in_arrears(
        conn, principal, as_of or now.today, district, limit, offset
    )
