"""R-DECL-1 结算: an employer that declares a month after it was assessed at 110% of the previous
month gets the assessment replaced by its declaration, at the month's own rates. What the
assessment said is kept as a revision; what was paid still counts (a refund, when the declared
amount is below it, is not handled here: refused). People already credited from the assessment
get correction entries (R-REC-1), never edits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

from services.registration.contributions import repository
from services.registration.contributions.notices import issue as notices
from services.registration.contributions.schemas import DeclarationCreate
from services.registration.contributions.service import (
    DECLARATION_NOT_FOUND,
    DeclarationWritten,
    audit_declaration,
    check_lines_insured,
    lines_of,
    policies_in_force,
    to_read,
    writable_employer,
)
from services.registration.records import repository as records
from shared.auth import Principal
from shared.errors import Conflict
from shared.notices.render import Letterhead


async def settle(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: DeclarationCreate,
    *,
    today: dt.date,
    letterhead: Letterhead,
) -> DeclarationWritten:
    """Replace an assessed month by the employer's late declaration; repeating it returns the
    settled month, a different declaration for it conflicts. The settlement and its late fees
    (R-LATE-1) are given in writing in its transaction (R-NOTICE-1)."""
    data.check_dates(today)
    month = data.contribution_month
    employment_ids, bases = lines_of(data)
    async with conn.transaction():
        employer = await writable_employer(conn, principal, employer_id)
        declaration = await repository.get_declaration(conn, employer_id, month, for_update=True)
        if declaration is None:
            raise DECLARATION_NOT_FOUND
        if declaration["kind"] == "settled":
            if not await repository.same_lines(conn, declaration["id"], employment_ids, bases):
                raise Conflict("month_already_settled", "该月份已按补办申报结算", "contribution_month")
            return DeclarationWritten(await to_read(conn, declaration, with_lines=True), created=False)
        if declaration["kind"] != "assessed":
            raise Conflict("month_not_assessed", "该月份不是核定月份, 无需结算", "contribution_month")
        await check_lines_insured(conn, employer_id, month, employment_ids)
        row = await _replace_assessment(
            conn, principal, employer, declaration, employment_ids, bases, today=today
        )
        # The people's records follow (R-REC-1, append-only): credited with the declared figures
        # when what was paid covers them, the assessment's credit reversed while it does not.
        await records.sync_month_entries(
            conn,
            row["id"],
            fully_paid=row["paid_amount"] == row["total_amount"],
            effective_on=today,
            recorded_by=principal.subject,
        )
        await audit_declaration(conn, principal, row, "settle")
        await notices.settlement(conn, letterhead, principal, row["id"], today)
        return DeclarationWritten(await to_read(conn, row, with_lines=True), created=True)


async def _replace_assessment(
    conn: asyncpg.Connection,
    principal: Principal,
    employer: asyncpg.Record,
    declaration: asyncpg.Record,
    employment_ids: list[uuid.UUID],
    bases: list[Decimal],
    *,
    today: dt.date,
) -> asyncpg.Record:
    """The assessment kept as a revision, the header at the month's own rates and the declared
    lines in its place; the settled declaration's row."""
    rate, _ = await policies_in_force(conn, employer["district"], declaration["contribution_month"])
    await repository.keep_revision(conn, declaration["id"], principal.subject)
    await repository.settle_header(
        conn,
        declaration["id"],
        settled_on=today,
        rate_policy_id=rate["id"],
        employer_rate=rate["employer_rate"],
        employee_rate=rate["employee_rate"],
    )
    await repository.insert_declared_lines(conn, declaration["id"], employment_ids, bases)
    await repository.total_declaration(conn, declaration["id"])
    row = await repository.get_declaration_by_id(conn, declaration["id"])
    if row["paid_amount"] > row["total_amount"]:
        # Refunds are not handled here: the whole settlement is rolled back.
        raise Conflict(
            "settlement_below_paid",
            f"补办申报的应缴额 ({row['total_amount']} 元) 低于已缴金额 ({row['paid_amount']} 元), 请先办理退费",
            "lines",
        )
    return row
