"""Individual contribution records (个人缴费记录, R-REC-1): month by month across employers,
cumulative contribution months, corrections as new entries, and the insurance history the
benefits service decides claims on (R-ELIG-1, R-DUR-1).

Entries are written by the contributions module when a month is settled; this module reads them
and adds corrections. The latest entry for a person, employer and month is the one in force.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from itertools import groupby

import asyncpg

from contracts.calendar import YearMonth, calendar_month
from services.registration.audit.service import record as audit
from services.registration.records import repository
from services.registration.records.schemas import (
    ContributionCorrectionCreate,
    ContributionRecordEntryRead,
    ContributionRecordMonthRead,
    ContributionRecordRead,
    ContributionStatementRead,
    HireFoundRead,
    InsuranceHistoryRead,
    InsuranceSpellRead,
    StatementLineRead,
)
from services.registration.staff import repository as staff_repository
from services.registration.staff.schemas import PersonEmploymentRead
from shared.auth import Principal, Role
from shared.csvfile import spreadsheet_csv
from shared.errors import Conflict, InvalidInput, NotFound
from shared.results import Written

PERSON_NOT_FOUND = NotFound("person_not_found", "未找到该人员", "person_id")
# Every month there is: the whole record.
_LAST_MONTH = YearMonth.of(dt.date.max).first_day


def entry_to_read(row: asyncpg.Record) -> ContributionRecordEntryRead:
    return ContributionRecordEntryRead(**{k: row[k] for k in ContributionRecordEntryRead.model_fields})


async def visible_person(conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID) -> None:
    """Service points see a person only with an unemployment registration in their district;
    anyone else's answers exactly like a missing person."""
    if not await repository.person_exists(conn, person_id):
        raise PERSON_NOT_FOUND
    if principal.role is Role.SERVICE_POINT and not await repository.registered_in_district(
        conn, person_id, principal.district or ""
    ):
        raise PERSON_NOT_FOUND


async def insurance_history(
    conn: asyncpg.Connection, person_id: uuid.UUID, as_of: dt.date
) -> InsuranceHistoryRead:
    """Contribution months up to the month of ``as_of``: distinct calendar months in which the
    employer share and the personal share (where one is due) were paid, across employers; the
    latest entry for each employer and month wins (R-REC-1). Payments and corrections recorded
    after ``as_of`` for those months count: arrears settled late are still contribution time."""
    up_to = YearMonth.of(as_of).first_day
    spells = await repository.insurance_spells(conn, person_id, up_to)
    months = await repository.contribution_months(conn, person_id, up_to)
    # The newest job: the spell that ends last; of two ending together, the one that began later.
    latest = max(spells, key=lambda s: (s["last_month"], s["first_month"]), default=None)
    return InsuranceHistoryRead(
        person_id=person_id,
        as_of=as_of,
        contribution_months=months,
        spells=[InsuranceSpellRead(**dict(s)) for s in spells],
        last_employer_id=None if latest is None else latest["employer_id"],
    )


async def get_insurance_history(
    conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID, as_of: dt.date
) -> InsuranceHistoryRead:
    await visible_person(conn, principal, person_id)
    return await insurance_history(conn, person_id, as_of)


async def list_person_employments(
    conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID
) -> list[PersonEmploymentRead]:
    await visible_person(conn, principal, person_id)
    return [
        PersonEmploymentRead(
            employment_id=r["id"],
            employer_id=r["employer_id"],
            hired_on=r["hired_on"],
            enrolled_on=r["enrolled_on"],
            separated_on=r["separated_on"],
        )
        for r in await staff_repository.list_for_person(conn, person_id)
    ]


async def get_record(
    conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID, *, history: bool = False
) -> ContributionRecordRead:
    await visible_person(conn, principal, person_id)
    latest = await repository.latest_entries(conn, person_id, _LAST_MONTH)
    months: list[ContributionRecordMonthRead] = []
    cumulative = 0
    for month, rows in groupby(latest, key=lambda r: r["contribution_month"]):
        entries = [entry_to_read(r) for r in rows]
        counted = any(e.counts for e in entries)
        cumulative += counted
        months.append(
            ContributionRecordMonthRead(
                contribution_month=month, entries=entries, counted=counted, cumulative_months=cumulative
            )
        )
    return ContributionRecordRead(
        person_id=person_id,
        contribution_months=cumulative,
        months=months,
        history=(
            [entry_to_read(r) for r in await repository.all_entries(conn, person_id)] if history else None
        ),
    )


async def statement(
    conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID, year: int
) -> ContributionStatementRead:
    await visible_person(conn, principal, person_id)
    year_end = YearMonth(year, 12).first_day
    in_force = await repository.latest_entries(conn, person_id, year_end)
    lines = [
        StatementLineRead(**{k: r[k] for k in StatementLineRead.model_fields})
        for r in in_force
        if r["contribution_month"].year == year
    ]
    return ContributionStatementRead(
        person_id=person_id,
        year=year,
        lines=lines,
        employer_amount_total=sum((x.employer_amount for x in lines), Decimal("0.00")),
        employee_amount_total=sum((x.employee_amount for x in lines), Decimal("0.00")),
        months_counted=len({x.contribution_month for x in lines if x.counts}),
        cumulative_months=await repository.contribution_months(conn, person_id, year_end),
    )


# Column headers of the statement for people (Simplified Chinese).
_CSV_HEADER = ("缴费月份", "参保单位编号", "缴费基数", "单位缴费", "个人缴费", "计入缴费月数")


def statement_csv(data: ContributionStatementRead) -> str:
    rows: list[tuple] = [
        (calendar_month(line.contribution_month), line.employer_id, line.base,
         line.employer_amount, line.employee_amount, "是" if line.counts else "否")
        for line in data.lines
    ]
    rows.append(("合计", "", "", data.employer_amount_total, data.employee_amount_total, data.months_counted))
    rows.append(("截至年末累计缴费月数", "", "", "", "", data.cumulative_months))
    return spreadsheet_csv(_CSV_HEADER, rows, bom=False)


def _same_correction(row: asyncpg.Record, data: ContributionCorrectionCreate) -> bool:
    return (
        row["employer_id"] == data.employer_id
        and row["contribution_month"] == data.contribution_month
        and (data.employment_id is None or row["employment_id"] == data.employment_id)
        and row["base"] == data.base
        and row["employer_amount"] == data.employer_amount
        and row["employee_amount"] == data.employee_amount
        and row["employer_share_paid"] == data.employer_share_paid
        and row["personal_share_paid"] == data.personal_share_paid
        and row["reason"] == data.reason
    )


async def _repeated(
    conn: asyncpg.Connection, person_id: uuid.UUID, data: ContributionCorrectionCreate
) -> Written[ContributionRecordEntryRead] | None:
    row = await repository.get_correction(conn, person_id, data.request_key)
    if row is None:
        return None
    if not _same_correction(row, data):
        raise Conflict("correction_key_conflict", "该更正请求号已用于另一项更正", "request_key")
    return Written(entry_to_read(row), created=False)


async def correct(
    conn: asyncpg.Connection,
    principal: Principal,
    person_id: uuid.UUID,
    data: ContributionCorrectionCreate,
    *,
    today: dt.date,
) -> Written[ContributionRecordEntryRead]:
    """R-REC-1: a correction is a new entry; nothing already recorded is changed."""
    data.check_dates(today)
    async with conn.transaction():
        await visible_person(conn, principal, person_id)
        repeated = await _repeated(conn, person_id, data)
        if repeated is not None:
            return repeated
        if not await repository.employer_exists(conn, data.employer_id):
            raise NotFound("employer_not_found", "未找到该参保单位", "employer_id")
        previous = await repository.latest_for(conn, person_id, data.employer_id, data.contribution_month)
        employment_id, personal_share_required = await _corrected_employment(conn, person_id, data, previous)
        entry_id = await repository.insert_correction(
            conn,
            person_id=person_id,
            employer_id=data.employer_id,
            employment_id=employment_id,
            month=data.contribution_month,
            base=data.base,
            employer_amount=data.employer_amount,
            employee_amount=data.employee_amount,
            employer_share_paid=data.employer_share_paid,
            personal_share_paid=data.personal_share_paid,
            personal_share_required=personal_share_required,
            corrects_id=previous["id"] if previous else None,
            effective_on=today,
            reason=data.reason,
            request_key=data.request_key,
            recorded_by=principal.subject,
        )
        if entry_id is None:  # a concurrent request with the same key won
            repeated = await _repeated(conn, person_id, data)
            assert repeated is not None
            return repeated
        row = await repository.get_entry(conn, entry_id)
        await _audit_correction(conn, principal, person_id, previous, row, data.reason)
        return Written(entry_to_read(row), created=True)


async def _corrected_employment(
    conn: asyncpg.Connection,
    person_id: uuid.UUID,
    data: ContributionCorrectionCreate,
    previous: asyncpg.Record | None,
) -> tuple[uuid.UUID | None, bool]:
    """The corrected entry's employment (the one named, else the previous entry's) and whether a
    personal share is due on it (R-RATE-1: none from a farmer contract worker)."""
    employment_id = data.employment_id or (previous["employment_id"] if previous else None)
    personal_share_required = previous["personal_share_required"] if previous else True
    if data.employment_id is not None:
        employment = await repository.employment_of(conn, data.employment_id)
        if (
            employment is None
            or employment["person_id"] != person_id
            or employment["employer_id"] != data.employer_id
        ):
            raise InvalidInput(
                "employment_mismatch", "该参保关系不属于此人员和此单位", "employment_id"
            )
        personal_share_required = not employment["farmer_contract_worker"]
    if not personal_share_required and data.employee_amount != 0:
        raise InvalidInput(
            "personal_share_not_due", "农民合同制工人个人不缴纳失业保险费 (R-RATE-1)", "employee_amount"
        )
    return employment_id, personal_share_required


async def _audit_correction(
    conn: asyncpg.Connection,
    principal: Principal,
    person_id: uuid.UUID,
    previous: asyncpg.Record | None,
    row: asyncpg.Record,
    reason: str,
) -> None:
    await audit(
        conn,
        principal,
        entity_type="contribution_record",
        entity_id=str(person_id),
        action="correct",
        before=None if previous is None else {k: previous[k] for k in _AUDITED},
        after={k: row[k] for k in _AUDITED},
        reason=reason,
    )


_AUDITED = (
    "id", "employer_id", "employment_id", "contribution_month", "base", "employer_amount",
    "employee_amount", "employer_share_paid", "personal_share_paid", "entry_kind",
)


async def hires_after_registration(
    conn: asyncpg.Connection, recorded_since: dt.datetime, limit: int
) -> list[HireFoundRead]:
    rows = await repository.hires_after_registration(conn, recorded_since, limit)
    return [
        HireFoundRead(
            **{k: r[k] for k in HireFoundRead.model_fields if k != "evidence_ref"},
            evidence_ref=f"contribution-record:{r['first_record_id']}",
        )
        for r in rows
    ]
