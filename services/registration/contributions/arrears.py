"""What an employer owes on a date: contributions, late fees (R-LATE-1) and fines, for one
employer (欠费明细) or across employers (欠费单位清单), and form 2-5's declared wages against what
was paid. ``outstanding_amounts`` and ``declared_vs_paid`` are called by the employers module
(deregistration, verification) inside its own transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from services.registration.contributions import payments_repository
from services.registration.contributions.schemas import (
    ArrearsMonthRead,
    ArrearsStatementRead,
    EmployerArrearsRead,
    FineRead,
)
from services.registration.contributions.service import visible_employer
from shared.auth import Principal, Role


@dataclass(frozen=True)
class OutstandingAmounts:
    """What an employer owes on a date: 欠缴失业保险费, 滞纳金, 罚款."""

    contributions: Decimal
    late_fees: Decimal
    fines: Decimal

    @property
    def total(self) -> Decimal:
        return self.contributions + self.late_fees + self.fines


@dataclass(frozen=True)
class DeclaredVsPaid:
    """Form 2-5: declared wages against contributions for the months of a year.

    ``declared_base_total``: the bases the employer declared (assessed months excluded);
    ``assessed_total``: the contributions due for the year's months (declared or assessed, 应缴);
    ``paid_total``: what has been paid of those months, whenever it was paid.
    """

    declared_base_total: Decimal
    assessed_total: Decimal
    paid_total: Decimal


async def arrears_statement(
    conn: asyncpg.Connection, employer_id: uuid.UUID, as_of: dt.date
) -> ArrearsStatementRead:
    rows = await payments_repository.arrears_months(conn, employer_id, as_of)
    months = [ArrearsMonthRead(**dict(r)) for r in rows]
    fines = [fine_to_read(r) for r in await payments_repository.list_fines(conn, employer_id, as_of)]
    paid_late_fees = await payments_repository.late_fees_paid(conn, employer_id, as_of)
    contributions = sum((m.outstanding for m in months), Decimal("0.00"))
    late_fees = (
        sum((m.late_fee_charged + m.late_fee_accruing for m in months), Decimal("0.00"))
        - paid_late_fees
    )
    fines_outstanding = sum((f.outstanding_amount for f in fines), Decimal("0.00"))
    return ArrearsStatementRead(
        employer_id=employer_id,
        as_of=as_of,
        months=[m for m in months if m.outstanding or m.late_fee_charged],
        fines=[f for f in fines if f.outstanding_amount],
        late_fees_paid=paid_late_fees,
        contributions=contributions,
        late_fees=late_fees,
        fines_outstanding=fines_outstanding,
        total=contributions + late_fees + fines_outstanding,
    )


async def outstanding_amounts(
    conn: asyncpg.Connection, employer_id: uuid.UUID, *, as_of: dt.date
) -> OutstandingAmounts:
    """Contributions, late fees (charged and accruing, R-LATE-1) and fines unpaid on ``as_of``.

    Deregistration (注销) is refused while ``total > 0``.
    """
    statement = await arrears_statement(conn, employer_id, as_of)
    return OutstandingAmounts(
        contributions=statement.contributions,
        late_fees=statement.late_fees,
        fines=statement.fines_outstanding,
    )


async def declared_vs_paid(conn: asyncpg.Connection, employer_id: uuid.UUID, year: int) -> DeclaredVsPaid:
    row = await payments_repository.declared_vs_paid(conn, employer_id, year)
    return DeclaredVsPaid(
        declared_base_total=row["declared_base_total"],
        assessed_total=row["assessed_total"],
        paid_total=row["paid_total"],
    )


def fine_to_read(row: asyncpg.Record) -> FineRead:
    return FineRead(
        **{k: row[k] for k in FineRead.model_fields if k != "outstanding_amount"},
        outstanding_amount=row["amount"] - row["paid_amount"],
    )


async def get_arrears(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, as_of: dt.date
) -> ArrearsStatementRead:
    await visible_employer(conn, principal, employer_id)
    return await arrears_statement(conn, employer_id, as_of)


async def list_employers_in_arrears(
    conn: asyncpg.Connection,
    principal: Principal,
    as_of: dt.date,
    district: str | None,
    limit: int,
    offset: int,
) -> list[EmployerArrearsRead]:
    """欠费单位清单: employers owing anything on ``as_of``; a service point sees its district's."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district
    rows = await payments_repository.employers_in_arrears(conn, as_of, district, limit, offset)
    return [EmployerArrearsRead(**dict(r)) for r in rows]
