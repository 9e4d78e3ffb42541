from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse, PlainTextResponse

from services.benefits.approvals import service as approvals
from services.benefits.approvals.kinds import REGISTRY, ApprovalContext

from services.benefits.auth import FundReader
from services.benefits.holds.routes import router as holds_router
from services.benefits.payroll import repository, service
from services.benefits.payroll.auth import PayrollOperator
from services.benefits.payroll.schemas import (
    BankReturnResult,
    PayrollRunCreate,
    PayrollRunRead,
    ReissueRead,
)
from shared.deps import Conn, Now
from shared.errors import InvalidInput
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response
from shared.http import created_or_repeated
from shared.inputs import City, Month, RowId

router = APIRouter(tags=["payroll"])
# R-HOLD-1: the holds a run makes are decided beside it (served with the payroll's routes).
router.include_router(holds_router)


@router.post(
    "/payroll-runs",
    response_model=PayrollRunRead,
    status_code=status.HTTP_201_CREATED,
    summary="发放批次: take every payable instruction of the city due in the period by today (none twice)",
)
async def run_payroll(
    body: PayrollRunCreate,
    now: Now,
    principal: PayrollOperator,
    conn: Conn,
) -> PayrollRunRead:
    return await service.run_payroll(conn, principal, body, today=now.today)


@router.get("/payroll-runs", response_model=list[PayrollRunRead])
async def list_runs(
    principal: FundReader,
    conn: Conn,
    period: Month | None = Query(None),
    city: City | None = Query(None),
) -> list[PayrollRunRead]:
    return [await service.get_run(conn, r["id"]) for r in await repository.list_runs(conn, period, city)]


@router.get("/payroll-runs/{run_id}", response_model=PayrollRunRead)
async def get_run(
    run_id: RowId, principal: FundReader, conn: Conn
) -> PayrollRunRead:
    return await service.get_run(conn, run_id)


@router.post(
    "/payroll-runs/{run_id}/release",
    response_model=PayrollRunRead,
    status_code=status.HTTP_201_CREATED,
    summary="放行发放批次 to the bank (R-CTRL-1): prepared for a second finance officer's check (202)"
    " where the province checks it; 200 when already released",
    responses=PREPARED_RESPONSE,
)
async def release_run(
    run_id: RowId, response: Response, now: Now, principal: PayrollOperator, conn: Conn, ctx: ApprovalContext
) -> PayrollRunRead | JSONResponse:
    prepared = await approvals.prepare_release(conn, principal, run_id, ctx)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    written = await service.release(conn, principal, run_id, now)
    created_or_repeated(response, written.created)
    return written.value


@router.get(
    "/payroll-runs/{run_id}/bank-file",
    response_class=PlainTextResponse,
    summary="银行代发文件 (CSV): H control record with count and total, D detail records;"
    " only for a released run (R-CTRL-1)",
)
async def bank_file(
    run_id: RowId, principal: PayrollOperator, conn: Conn
) -> PlainTextResponse:
    text = await service.bank_file(conn, run_id)
    return PlainTextResponse(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="payroll-run-{run_id}.csv"'},
    )


@router.post(
    "/payroll-runs/{run_id}/bank-returns",
    response_model=BankReturnResult,
    summary="导入银行回盘文件 (text/csv: 付款编号,结果,原因); importing it again changes nothing",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}, "example": "付款编号,结果,原因\n<payment id>,rejected,账户不存在\n"}},
        }
    },
)
async def import_bank_returns(
    run_id: RowId,
    request: Request,
    principal: PayrollOperator,
    conn: Conn,
) -> BankReturnResult:
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("invalid_encoding", "回盘文件应为 UTF-8 编码", "file") from None
    return await service.import_returns(conn, principal, run_id, text)


@router.post(
    "/payments/{payment_id}/reissue",
    response_model=ReissueRead,
    summary="退票重发: after the account is corrected the payment is payable again (paid once)",
)
async def reissue_payment(
    payment_id: uuid.UUID, principal: PayrollOperator, conn: Conn
) -> ReissueRead:
    return await service.reissue(conn, principal, payment_id)
