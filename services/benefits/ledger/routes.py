from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query

from contracts.calendar import add_months
from services.benefits.auth import FundReader
from services.benefits.ledger import repository
from services.benefits.ledger.schemas import (
    BalanceLine,
    FundReportLine,
    FundReportRead,
    LedgerEntryRead,
)
from shared.deps import Conn, Now
from shared.inputs import OFFSET_MAX, City, Date, Month, parse_month

router = APIRouter(prefix="/fund-ledger", tags=["fund ledger"])


@router.get("", response_model=list[LedgerEntryRead], summary="基金支出台账 (R-FUND-1), append-only")
async def list_entries(
    principal: FundReader,
    conn: Conn,
    claim_id: uuid.UUID | None = None,
    payment_id: uuid.UUID | None = None,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[LedgerEntryRead]:
    rows = await repository.entries(conn, claim_id, payment_id, limit, offset)
    return [LedgerEntryRead(**dict(r)) for r in rows]


@router.get("/report", response_model=FundReportRead, summary="基金月报: by kind and city")
async def monthly_report(
    month: Annotated[Month, Query()],
    principal: FundReader,
    conn: Conn,
) -> FundReportRead:
    first = parse_month(month)
    rows = await repository.monthly_report(conn, first, add_months(first, 1))
    lines = [FundReportLine(**dict(r)) for r in rows]
    return FundReportRead(month=month, lines=lines, total_net=sum((x.net for x in lines), Decimal("0.00")))


@router.get("/balances", response_model=list[BalanceLine], summary="累计净支出 by kind and city")
async def balances(
    now: Now,
    principal: FundReader,
    conn: Conn,
    city: City | None = Query(None),
    up_to: Date | None = None,
) -> list[BalanceLine]:
    rows = await repository.balances(conn, city, up_to or now.today)
    return [BalanceLine(**dict(r)) for r in rows]
