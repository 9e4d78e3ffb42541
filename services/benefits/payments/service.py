"""Monthly payment instructions (R-PAY-1): at most one per claim, benefit month and kind."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import asyncpg

from services.benefits.claims.schemas import ClaimStatus
from services.benefits.claims.service import get_visible
from services.benefits.payments import repository
from services.benefits.payments.schemas import PaymentCreate, PaymentRead
from shared.auth import Principal
from shared.errors import Conflict
from workflows.dates import benefit_month_start


@dataclass
class Recorded:
    payment: PaymentRead
    created: bool


async def record_payment(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: PaymentCreate
) -> Recorded:
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id)
        if claim["status"] not in (ClaimStatus.APPROVED.value, ClaimStatus.STOPPED.value):
            raise Conflict("claim_not_approved", "申领尚未核准, 不能支付", "claim_id")
        if data.benefit_month > claim["entitlement_months"]:
            raise Conflict(
                "beyond_entitlement", "超出核定的享受待遇月数", "benefit_month"
            )
        period_start = benefit_month_start(claim["registration_date"], data.benefit_month)
        # R-STOP-1: nothing is payable for a month that starts on or after the stop date.
        if claim["status"] == ClaimStatus.STOPPED.value and period_start >= claim["stop_effective_date"]:
            raise Conflict("claim_stopped", "待遇已停发, 该月不能支付", "benefit_month")
        row, created = await repository.insert_once(
            conn,
            claim_id=claim_id,
            benefit_month=data.benefit_month,
            kind=data.kind.value,
            period_start=period_start,
            amount=claim["monthly_amount"],
            created_by=principal.subject,
        )
    return Recorded(PaymentRead(**dict(row)), created)


async def list_payments(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID
) -> list[PaymentRead]:
    await get_visible(conn, principal, claim_id)
    return [PaymentRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]
