"""Payments (of a month's contributions, of late fees, of a fine) and fines as recorded items.

A contribution payment is charged its late fee on the spot (R-LATE-1). When it settles the
month, every person declared in that month gets an entry in their contribution record
(个人缴费记录, R-REC-1), written with one set-based statement.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from services.registration.audit.service import record as audit
from services.registration.contributions import payments_repository, repository
from services.registration.contributions.arrears import arrears_statement, fine_to_read
from services.registration.contributions.money import late_fee
from services.registration.contributions.notices import issue as notices
from services.registration.contributions.schemas import (
    FineCreate,
    FineGround,
    FineRead,
    PaymentCreate,
    PaymentKind,
    PaymentRead,
)
from services.registration.contributions.service import (
    DECLARATION_NOT_FOUND,
    visible_employer,
    writable_employer,
)
from services.registration.records import repository as records
from shared.auth import Principal
from shared.errors import Conflict, InvalidInput, NotFound
from shared.notices.render import Letterhead
from shared.results import Written

FINE_NOT_FOUND = NotFound("fine_not_found", "未找到该罚款记录", "fine_id")


class PaymentWritten(Written[PaymentRead]):
    """A payment recorded (201) or its reference repeated (200); the name
    tests/services/registration/contributions/test_concurrency.py expects of the result."""


def payment_to_read(row: asyncpg.Record) -> PaymentRead:
    return PaymentRead(**{k: row[k] for k in PaymentRead.model_fields})


def _same_payment(row: asyncpg.Record, data: PaymentCreate) -> bool:
    return (
        row["kind"] == data.kind.value
        and row["contribution_month"] == data.contribution_month
        and row["fine_id"] == data.fine_id
        and row["amount"] == data.amount
        and row["paid_on"] == data.paid_on
    )


def _exceeds(what: str, outstanding: Decimal) -> Conflict:
    return Conflict(
        "payment_exceeds_outstanding",
        f"缴款金额超过{what}未缴金额 ({outstanding} 元)",
        "amount",
        details={"outstanding": str(outstanding)},
    )


async def _existing(
    conn: asyncpg.Connection, employer_id: uuid.UUID, data: PaymentCreate
) -> PaymentWritten | None:
    row = await payments_repository.get_payment_by_reference(conn, employer_id, data.reference)
    if row is None:
        return None
    if not _same_payment(row, data):
        raise Conflict("payment_reference_conflict", "该缴款凭证号已用于另一笔缴款", "reference")
    return PaymentWritten(payment_to_read(row), created=False)


@dataclass(frozen=True)
class _Paid:
    """What a payment pays, and what it costs on top (R-LATE-1)."""

    declaration_id: uuid.UUID | None = None
    fine_id: uuid.UUID | None = None
    days_late: int = 0
    late_fee: Decimal = Decimal("0.00")
    # The month is paid in full: its people's records follow (R-REC-1).
    settles_month: bool = False


async def _contribution_paid(conn: asyncpg.Connection, employer_id: uuid.UUID, data: PaymentCreate) -> _Paid:
    """A month's contributions, charged their late fee on the spot (R-LATE-1)."""
    assert data.contribution_month is not None
    declaration = await repository.get_declaration(conn, employer_id, data.contribution_month, for_update=True)
    if declaration is None:
        raise DECLARATION_NOT_FOUND
    if data.paid_on < declaration["contribution_month"]:
        raise InvalidInput("paid_before_contribution_month", "缴款日期早于缴费月份", "paid_on")
    outstanding = declaration["total_amount"] - declaration["paid_amount"]
    if data.amount > outstanding:
        raise _exceeds("该月份", outstanding)
    days_late, fee = late_fee(data.amount, declaration["late_fee_daily_rate"], declaration["due_date"], data.paid_on)
    return _Paid(
        declaration_id=declaration["id"], days_late=days_late, late_fee=fee,
        settles_month=data.amount == outstanding,
    )


async def _fine_paid(conn: asyncpg.Connection, employer_id: uuid.UUID, data: PaymentCreate) -> _Paid:
    assert data.fine_id is not None
    fine = await payments_repository.get_fine(conn, employer_id, data.fine_id, for_update=True)
    if fine is None:
        raise FINE_NOT_FOUND
    outstanding = fine["amount"] - fine["paid_amount"]
    if data.amount > outstanding:
        raise _exceeds("该罚款", outstanding)
    return _Paid(fine_id=fine["id"])


async def _late_fees_paid(conn: asyncpg.Connection, employer_id: uuid.UUID, data: PaymentCreate) -> _Paid:
    """Late fees are paid against the employer's whole late-fee balance on the payment date."""
    balance = (await arrears_statement(conn, employer_id, data.paid_on)).late_fees
    if data.amount > balance:
        raise _exceeds("滞纳金", balance)
    return _Paid()


_PAID_BY_KIND = {
    PaymentKind.CONTRIBUTION: _contribution_paid,
    PaymentKind.FINE: _fine_paid,
    PaymentKind.LATE_FEE: _late_fees_paid,
}


async def record_payment(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, data: PaymentCreate, today: dt.date
) -> PaymentWritten:
    """Record a payment; the same reference repeated with the same content returns the first."""
    data.check_dates(today)
    async with conn.transaction():
        # Late fees are paid against the employer's whole balance: those payments take the
        # employer row exclusively from the start (a share lock upgraded later could deadlock).
        lock = "update" if data.kind is PaymentKind.LATE_FEE else "share"
        await writable_employer(conn, principal, employer_id, lock=lock)
        repeated = await _existing(conn, employer_id, data)
        if repeated is not None:
            return repeated
        paid = await _PAID_BY_KIND[data.kind](conn, employer_id, data)
        inserted = await payments_repository.insert_payment(
            conn,
            employer_id=employer_id,
            reference=data.reference,
            kind=data.kind.value,
            declaration_id=paid.declaration_id,
            fine_id=paid.fine_id,
            amount=data.amount,
            paid_on=data.paid_on,
            days_late=paid.days_late,
            late_fee=paid.late_fee,
            created_by=principal.subject,
        )
        if not inserted:  # a concurrent request with the same reference won
            repeated = await _existing(conn, employer_id, data)
            assert repeated is not None
            return repeated
        if paid.settles_month:
            # R-REC-1: both shares of the month are now paid for every person declared in it.
            await records.sync_month_entries(
                conn, paid.declaration_id, fully_paid=True, effective_on=data.paid_on,
                recorded_by=principal.subject,
            )
        row = await payments_repository.get_payment_by_reference(conn, employer_id, data.reference)
        await audit(
            conn,
            principal,
            entity_type="employer_payment",
            entity_id=row["id"],
            action="record",
            after={k: row[k] for k in ("employer_id", "reference", "kind", "contribution_month", "fine_id",
                                       "amount", "paid_on", "days_late", "late_fee")},
        )
        return PaymentWritten(payment_to_read(row), created=True)


async def list_payments(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID
) -> list[PaymentRead]:
    await visible_employer(conn, principal, employer_id)
    return [payment_to_read(r) for r in await payments_repository.list_payments(conn, employer_id)]


async def record_fine(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, data: FineCreate, today: dt.date,
    letterhead: Letterhead,
) -> Written[FineRead]:
    """A fine decided (R-LATE-1), recorded once and given in writing in its transaction (R-NOTICE-1)."""
    data.check_dates(today)
    arrears: Decimal | None = None
    async with conn.transaction():
        await writable_employer(conn, principal, employer_id)
        row = await payments_repository.get_fine_by_reference(conn, employer_id, data.decision_reference)
        if row is None and data.ground is FineGround.LATE_PAYMENT:
            arrears = await _check_fine_range(conn, employer_id, data)
        created = await payments_repository.insert_fine(
            conn,
            employer_id=employer_id,
            decision_reference=data.decision_reference,
            decided_on=data.decided_on,
            amount=data.amount,
            reason=data.reason,
            ground=data.ground.value,
            created_by=principal.subject,
        )
        row = await payments_repository.get_fine_by_reference(conn, employer_id, data.decision_reference)
        if not created and (
            row["decided_on"] != data.decided_on
            or row["amount"] != data.amount
            or row["reason"] != data.reason
            or row["ground"] != data.ground.value
        ):
            raise Conflict("fine_reference_conflict", "该处罚决定书文号已记录了不同的罚款", "decision_reference")
        if created:
            await audit(
                conn,
                principal,
                entity_type="employer_fine",
                entity_id=row["id"],
                action="record",
                after={k: row[k] for k in ("employer_id", "decision_reference", "decided_on", "amount")},
                reason=data.reason,
            )
            await notices.fine(conn, letterhead, principal, row["id"], arrears, today)
        return Written(fine_to_read(row), created=created)


async def _check_fine_range(conn: asyncpg.Connection, employer_id: uuid.UUID, data: FineCreate) -> Decimal:
    """R-LATE-1: a fine is 1 to 3 times the contributions overdue and still unpaid when it is
    decided (late or short payment first costs the late fee; a fine follows continued arrears);
    those arrears."""
    statement = await arrears_statement(conn, employer_id, data.decided_on)
    arrears = sum((m.outstanding for m in statement.months if m.days_overdue > 0), Decimal("0.00"))
    if arrears <= 0:
        raise Conflict(
            "no_arrears_to_fine", "处罚决定日该单位没有欠缴的失业保险费, 不能记录罚款", "decided_on"
        )
    low, high = arrears, arrears * 3
    if not low <= data.amount <= high:
        raise InvalidInput(
            "fine_out_of_range",
            f"罚款应为欠缴数额 {arrears} 元的一倍以上三倍以下 ({low}–{high} 元)",
            "amount",
        )
    return arrears


async def list_fines(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID
) -> list[FineRead]:
    await visible_employer(conn, principal, employer_id)
    return [fine_to_read(r) for r in await payments_repository.list_fines(conn, employer_id, dt.date.max)]
