from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status
from fastapi.responses import JSONResponse

from services.benefits.approvals import service as approvals
from services.benefits.approvals.kinds import REGISTRY, ApprovalContext

from services.benefits.auth import ClaimReader
from services.benefits.bank_accounts import service
from services.benefits.bank_accounts.auth import BankAccountWriter
from services.benefits.bank_accounts.schemas import BankAccountCreate, BankAccountRead
from shared.deps import Conn
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response
from shared.http import created_or_repeated

router = APIRouter(prefix="/claims/{claim_id}/bank-accounts", tags=["bank accounts"])


@router.post(
    "",
    response_model=BankAccountRead,
    status_code=status.HTTP_201_CREATED,
    summary="Record or correct the account payments go to (masked in the answer); 200 when unchanged;"
    " a change of an account is prepared for a second person's check (202, R-CTRL-1) where the province checks it",
    responses=PREPARED_RESPONSE,
)
async def set_bank_account(
    claim_id: uuid.UUID,
    body: BankAccountCreate,
    response: Response,
    principal: BankAccountWriter,
    conn: Conn,
    ctx: ApprovalContext,
) -> BankAccountRead | JSONResponse:
    prepared = await approvals.prepare_account_change(conn, principal, claim_id, body, ctx)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    written = await service.set_account(conn, principal, claim_id, body)
    created_or_repeated(response, written.created)
    return written.value


@router.get("", response_model=list[BankAccountRead])
async def list_bank_accounts(
    claim_id: uuid.UUID,
    principal: ClaimReader,
    conn: Conn,
) -> list[BankAccountRead]:
    return await service.list_accounts(conn, principal, claim_id)
