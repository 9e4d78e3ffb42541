"""Contribution rules: monthly declarations (R-DECL-1), rates in force (R-RATE-1/2) and the 110%
assessment of an undeclared month (R-DECL-1).

Payments and fines are in ``payments.py``, settlements in ``settlement.py``, what an employer owes
in ``arrears.py``. Each command owns its transaction and raises ``shared.errors`` domain errors.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

from services.registration.audit.service import record as audit
from services.registration.contributions import repository
from services.registration.contributions.money import due_date, previous_month
from services.registration.contributions.notices import issue as notices
from services.registration.contributions.schemas import (
    AssessmentCreate,
    DeclarationCreate,
    DeclarationLineRead,
    DeclarationRead,
)
from shared.auth import Principal
from shared.errors import Conflict, InvalidInput, NotFound
from shared.notices.render import Letterhead
from shared.results import Written

EMPLOYER_NOT_FOUND = NotFound("employer_not_found", "未找到该参保单位", "employer_id")
DECLARATION_NOT_FOUND = NotFound("declaration_not_found", "未找到该月份的缴费申报", "contribution_month")


class DeclarationWritten(Written[DeclarationRead]):
    """A declaration, assessment or settlement written (201) or repeated (200)."""

    @property
    def declaration(self) -> DeclarationRead:
        # The name tests/services/registration/contributions/test_concurrency.py reads.
        return self.value


# Shared helpers -------------------------------------------------------------------------------


async def to_read(
    conn: asyncpg.Connection, row: asyncpg.Record, *, with_lines: bool = False
) -> DeclarationRead:
    lines = None
    if with_lines:
        lines = [DeclarationLineRead(**dict(r)) for r in await repository.declaration_lines(conn, row["id"])]
    return DeclarationRead(
        **{k: row[k] for k in DeclarationRead.model_fields if k not in ("outstanding_amount", "lines")},
        outstanding_amount=row["total_amount"] - row["paid_amount"],
        lines=lines,
    )


async def visible_employer(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, *, lock: str | None = None
) -> asyncpg.Record:
    row = await repository.get_employer(conn, employer_id, lock=lock)
    # Another district's employer answers exactly like a missing one.
    if row is None or not principal.sees_district(row["district"]):
        raise EMPLOYER_NOT_FOUND
    return row


async def writable_employer(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, *, lock: str = "share"
) -> asyncpg.Record:
    """An approved employer, locked so a concurrent deregistration waits for this write
    (``lock="update"`` where writes of the same employer must also wait for each other)."""
    row = await visible_employer(conn, principal, employer_id, lock=lock)
    if row["status"] == "deregistered":
        raise Conflict(
            "employer_sealed", "该单位已办理注销登记, 档案已封存, 不能办理申报或缴费", "employer_id"
        )
    if row["status"] != "approved":
        raise Conflict("employer_not_approved", "该单位参保登记尚未核准, 不能办理申报或缴费", "employer_id")
    return row


# Declarations ---------------------------------------------------------------------------------


def lines_of(data: DeclarationCreate) -> tuple[list[uuid.UUID], list[Decimal]]:
    """A declaration's (employment, base) pairs as the two arrays the set-based SQL takes."""
    return [line.employment_id for line in data.lines], [line.base for line in data.lines]


async def declare(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: DeclarationCreate,
    *,
    today: dt.date,
) -> DeclarationWritten:
    """月度申报: the month's bases, amounts by the rates in force (R-RATE-1/2); the same request
    repeated returns the first declaration, a different one for the month conflicts."""
    data.check_dates(today)
    month = data.contribution_month
    employment_ids, bases = lines_of(data)
    async with conn.transaction():
        employer = await writable_employer(conn, principal, employer_id)
        existing = await repository.get_declaration(conn, employer_id, month)
        if existing is not None:
            return DeclarationWritten(await _repeated(conn, existing, employment_ids, bases), created=False)
        await check_lines_insured(conn, employer_id, month, employment_ids)
        declaration_id = await _insert_declared_header(conn, principal, employer, month, today)
        if declaration_id is None:  # a concurrent identical request won the key
            existing = await repository.get_declaration(conn, employer_id, month)
            return DeclarationWritten(await _repeated(conn, existing, employment_ids, bases), created=False)
        await repository.insert_declared_lines(conn, declaration_id, employment_ids, bases)
        return await _totalled(conn, principal, declaration_id, "declare")


async def _insert_declared_header(
    conn: asyncpg.Connection, principal: Principal, employer: asyncpg.Record, month: dt.date, today: dt.date
) -> uuid.UUID | None:
    """The declared month's header at the rates and collection terms in force; None when the
    month already has one."""
    rate, collection = await policies_in_force(conn, employer["district"], month)
    declaration_id = uuid.uuid4()
    inserted = await repository.insert_declaration(
        conn,
        declaration_id=declaration_id,
        employer_id=employer["id"],
        month=month,
        kind="declared",
        declared_on=today,
        due_date=due_date(month, collection["due_day"]),
        rate_policy_id=rate["id"],
        collection_policy_id=collection["id"],
        employer_rate=rate["employer_rate"],
        employee_rate=rate["employee_rate"],
        late_fee_daily_rate=collection["late_fee_daily_rate"],
        assessed_from_id=None,
        created_by=principal.subject,
    )
    return declaration_id if inserted else None


async def check_lines_insured(
    conn: asyncpg.Connection, employer_id: uuid.UUID, month: dt.date, employment_ids: list[uuid.UUID]
) -> None:
    """Every declared person is insured with the employer in the month (declaration, settlement)."""
    uninsured = await repository.uninsured_lines(conn, employer_id, month, employment_ids)
    if uninsured:
        raise InvalidInput(
            "employment_not_insured_in_month",
            "该人员在申报月份不是本单位的参保人员",
            f"lines.{uninsured[0]}.employment_id",
        )


async def _totalled(
    conn: asyncpg.Connection, principal: Principal, declaration_id: uuid.UUID, action: str
) -> DeclarationWritten:
    """A new declaration's lines written: its header totalled, audited and returned (201)."""
    await repository.total_declaration(conn, declaration_id)
    row = await repository.get_declaration_by_id(conn, declaration_id)
    await audit_declaration(conn, principal, row, action)
    return DeclarationWritten(await to_read(conn, row, with_lines=True), created=True)


async def _repeated(
    conn: asyncpg.Connection,
    existing: asyncpg.Record,
    employment_ids: list[uuid.UUID],
    bases: list[Decimal],
) -> DeclarationRead:
    if existing["kind"] == "assessed":
        raise Conflict(
            "month_already_assessed",
            "该月份未按时申报, 已按上月缴费额的110%核定; 补办申报请办理结算 (settlements)",
            "contribution_month",
        )
    if not await repository.same_lines(conn, existing["id"], employment_ids, bases):
        raise Conflict("month_already_declared", "该月份已申报, 内容不同的申报不能重复提交", "contribution_month")
    return await to_read(conn, existing, with_lines=True)


async def policies_in_force(
    conn: asyncpg.Connection, district: str, month: dt.date
) -> tuple[asyncpg.Record, asyncpg.Record]:
    rate = await repository.rate_in_force(conn, district, month)
    collection = await repository.collection_in_force(conn, district, month)
    if rate is None or collection is None:
        raise Conflict(
            "no_contribution_policy",
            "该地区在缴费月份没有有效的费率或征缴参数, 请先维护政策参数",
            "contribution_month",
        )
    return rate, collection


async def assess(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: AssessmentCreate,
    *,
    today: dt.date,
    letterhead: Letterhead,
) -> DeclarationWritten:
    """R-DECL-1: a month not declared by its due date is assessed at 110% (a parameter) of the
    previous month's total, rounded once, and spread over its people so that the lines add up
    (``repository.insert_assessed_lines``). Repeating it returns the same assessment. The
    assessment is given in writing in its transaction (R-NOTICE-1)."""
    month = data.contribution_month
    async with conn.transaction():
        employer = await writable_employer(conn, principal, employer_id)
        existing = await repository.get_declaration(conn, employer_id, month)
        if existing is not None:
            return await _assessed_before(conn, existing)
        _, collection = await policies_in_force(conn, employer["district"], month)
        due = due_date(month, collection["due_day"])
        if today <= due:
            raise Conflict(
                "declaration_not_overdue",
                f"该月份申报期限 ({due.isoformat()}) 尚未届满, 不能核定",
                "contribution_month",
            )
        previous = await repository.get_declaration(conn, employer_id, previous_month(month))
        if previous is None:
            raise Conflict(
                "no_previous_declaration", "上月没有申报或核定记录, 不能按上月缴费额核定", "contribution_month"
            )
        declaration_id = await _insert_assessed_header(
            conn, principal, employer_id, month, today=today, due=due, collection=collection, previous=previous
        )
        if declaration_id is None:
            return await _assessed_before(conn, await repository.get_declaration(conn, employer_id, month))
        await repository.insert_assessed_lines(conn, [declaration_id])
        written = await _totalled(conn, principal, declaration_id, "assess")
        await notices.assessments(conn, letterhead, principal, [declaration_id], today)
        return written


async def _assessed_before(conn: asyncpg.Connection, existing: asyncpg.Record) -> DeclarationWritten:
    """The month already has a header: the same assessment repeated (200), or a declaration."""
    if existing["kind"] != "assessed":
        raise Conflict("month_already_declared", "该月份已申报, 无需核定", "contribution_month")
    return DeclarationWritten(await to_read(conn, existing, with_lines=True), created=False)


async def _insert_assessed_header(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    month: dt.date,
    *,
    today: dt.date,
    due: dt.date,
    collection: asyncpg.Record,
    previous: asyncpg.Record,
) -> uuid.UUID | None:
    """The assessed month's header; None when the month already has one."""
    declaration_id = uuid.uuid4()
    inserted = await repository.insert_declaration(
        conn,
        declaration_id=declaration_id,
        employer_id=employer_id,
        month=month,
        kind="assessed",
        declared_on=today,
        due_date=due,
        rate_policy_id=None,
        collection_policy_id=collection["id"],
        # The amounts follow the previous month's, so do the rates they were computed with.
        employer_rate=previous["employer_rate"],
        employee_rate=previous["employee_rate"],
        late_fee_daily_rate=collection["late_fee_daily_rate"],
        assessed_from_id=previous["id"],
        created_by=principal.subject,
    )
    return declaration_id if inserted else None


async def audit_declaration(
    conn: asyncpg.Connection, principal: Principal, row: asyncpg.Record, action: str
) -> None:
    await audit(
        conn,
        principal,
        entity_type="contribution_declaration",
        entity_id=row["id"],
        action=action,
        after={
            k: row[k]
            for k in ("employer_id", "contribution_month", "kind", "headcount", "base_total", "total_amount")
        },
    )


async def get_declaration(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, month: dt.date
) -> DeclarationRead:
    await visible_employer(conn, principal, employer_id)
    row = await repository.get_declaration(conn, employer_id, month)
    if row is None:
        raise DECLARATION_NOT_FOUND
    return await to_read(conn, row, with_lines=True)


async def list_declarations(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, year: int | None
) -> list[DeclarationRead]:
    await visible_employer(conn, principal, employer_id)
    return [await to_read(conn, r) for r in await repository.list_declarations(conn, employer_id, year)]
