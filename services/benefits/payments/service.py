"""Monthly payment instructions (R-PAY-1, R-MED-1): at most one per claim, benefit month and kind
(unique constraint). Nothing is payable for days after a stop (R-STOP-1); the stop month is
pro-rated per the policy parameter ``stop_month_pro_rata``."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.calendar import calendar_month

from services.benefits.claims.schemas import ClaimStatus
from services.benefits.claims.service import get_visible
from services.benefits.payments import repository
from services.benefits.payments.periods import Period, kept_share, period_of
from services.benefits.payments.schemas import (
    LEGAL_BASIS,
    MonthlyKind,
    PaymentCreate,
    PaymentKind,
    PaymentRead,
    WithheldMonthRead,
)
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter
from shared.auth import Principal, Role
from shared.errors import Conflict
from shared.results import Written


async def stop_month_option(conn: asyncpg.Connection, claim: asyncpg.Record) -> str:
    if claim["stop_effective_date"] is None:
        return "by_day"
    row = await parameter(conn, claim["district"], ParameterName.STOP_MONTH_PRO_RATA, claim["stop_effective_date"])
    return row["option"]


async def record_payment(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: PaymentCreate
) -> Written[PaymentRead]:
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id)
        if claim["status"] not in (ClaimStatus.APPROVED.value, ClaimStatus.STOPPED.value):
            raise Conflict("claim_not_approved", "申领尚未核准, 不能支付", "claim_id")
        if data.benefit_month > claim["entitlement_months"]:
            raise Conflict("beyond_entitlement", "超出核定的享受待遇月数", "benefit_month")
        period = period_of(claim, data.benefit_month)
        stop_date = claim["stop_effective_date"]
        # R-STOP-1: nothing is payable for a month that starts on or after the stop date.
        if stop_date is not None and period.start >= stop_date:
            raise Conflict("claim_stopped", "待遇已停发, 该月不能支付", "benefit_month")
        option = await stop_month_option(conn, claim)
        if data.kind is MonthlyKind.MEDICAL_PREMIUM:
            # R-MED-1: the fund pays the medical-insurance premium for each month of benefit.
            row, created = await record_medical_premium(conn, principal, claim, data.benefit_month, period, option)
        else:
            amount, _ = kept_share(claim["monthly_amount"], period, stop_date, option)
            row, created = await repository.insert_once(
                conn,
                claim_id=claim_id,
                benefit_month=data.benefit_month,
                kind=PaymentKind.BENEFIT.value,
                period_start=period.start,
                amount=amount,
                legal_basis=LEGAL_BASIS[PaymentKind.BENEFIT],
                created_by=principal.subject,
            )
    return Written(PaymentRead(**dict(row)), created)


async def record_medical_premium(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    month: int,
    period: Period,
    option: str,
) -> tuple[asyncpg.Record, bool]:
    """R-MED-1: the month's premium at the rate in force on its first day, cut like the benefit
    when the claim's stop falls inside the month; issued once (the existing one otherwise)."""
    rate = await parameter(conn, claim["district"], ParameterName.MEDICAL_PREMIUM_MONTHLY, period.start)
    amount, _ = kept_share(rate["amount"], period, claim["stop_effective_date"], option)
    await policy_repository.mark_used(conn, parameter_ids=[rate["id"]], duration_ids=[], amount_ids=[])
    return await repository.insert_once(
        conn,
        claim_id=claim["id"],
        benefit_month=month,
        kind=PaymentKind.MEDICAL_PREMIUM.value,
        period_start=period.start,
        amount=amount,
        legal_basis=LEGAL_BASIS[PaymentKind.MEDICAL_PREMIUM],
        created_by=principal.subject,
        policy_parameter_id=rate["id"],
    )


async def list_payments(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID
) -> list[PaymentRead]:
    await get_visible(conn, principal, claim_id)
    return [PaymentRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]


async def withheld_months(
    conn: asyncpg.Connection, principal: Principal, *, district: str | None, today: dt.date, limit: int, offset: int
) -> list[WithheldMonthRead]:
    """R-MON-1: the months withheld for a missing job-search report, the longest-waiting first; a
    service point sees its own district's (as GET /claims)."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district
    return [
        WithheldMonthRead(
            claim_id=row["claim_id"],
            registration_id=row["registration_id"],
            district=row["district"],
            benefit_month=row["benefit_month"],
            period_start=row["period_start"],
            missing_report_month=calendar_month(row["previous_period_start"]),
            since=row["period_start"],
        )
        for row in await repository.withheld_months(conn, district, today, limit, offset)
    ]
