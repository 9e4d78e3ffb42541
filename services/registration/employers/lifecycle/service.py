"""注销登记 (form 2-4), 验证 (form 2-5), 换证 and 补证.

Deregistration is refused while any contribution, late fee or fine is outstanding (stating the
amounts) or anyone is still insured; once done the employer is sealed (封存): read-only, no new
declarations, enrolments or changes. Every command owns its transaction and is audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_HALF_UP, Decimal

import asyncpg

from services.registration.audit import service as audit
from services.registration.contributions.arrears import declared_vs_paid, outstanding_amounts
from services.registration.employers import access, certificates
from services.registration.employers import repository as employers
from services.registration.employers.changes import repository as changes
from services.registration.employers.changes.service import change_to_read
from services.registration.employers.lifecycle import repository
from services.registration.employers.lifecycle.schemas import (
    CertificateRenewalCreate,
    CertificateReplacementCreate,
    DeregistrationCreate,
    LastVerification,
    VerificationCreate,
    VerificationRead,
    VerificationReport,
)
from services.registration.employers.schemas import CertificateRead, EmployerRead
from services.registration.employers.service import snapshot, to_read
from services.registration.staff import repository as staff
from shared.auth import Principal
from shared.errors import Conflict, InvalidInput


async def deregister(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: DeregistrationCreate,
    *,
    today: dt.date,
) -> tuple[EmployerRead, bool]:
    if data.effective_on > today:
        raise InvalidInput("date_in_future", "注销日期不能晚于今天", "effective_on")
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        if row["status"] == "deregistered":
            if row["deregistration_reason"] == data.reason.value and row["deregistered_on"] == data.effective_on:
                return to_read(row, principal), False
            raise Conflict("employer_sealed", "该单位已注销登记, 参保信息已封存", "employer_id")
        access.require_active(row)
        owed = await outstanding_amounts(conn, employer_id, as_of=today)
        if owed.total > 0:
            raise Conflict(
                "outstanding_amounts",
                f"注销登记前须结清欠缴: 失业保险费 {owed.contributions} 元, 滞纳金 {owed.late_fees} 元, "
                f"罚款 {owed.fines} 元",
                "employer_id",
                details={
                    "contributions": str(owed.contributions),
                    "late_fees": str(owed.late_fees),
                    "fines": str(owed.fines),
                    "total": str(owed.total),
                },
            )
        still_insured = await repository.open_employments(conn, employer_id)
        if still_insured:
            raise Conflict(
                "employments_still_open",
                f"尚有 {still_insured} 名参保人员未办理减员, 请先办理减员",
                "employer_id",
                details={"open_employments": still_insured},
            )
        await certificates.cancel(conn, principal, row, today)
        await repository.mark_deregistered(conn, employer_id, on=data.effective_on, reason=data.reason.value)
        after = await employers.get(conn, employer_id)
        await audit.record(
            conn, principal, entity_type="employer", entity_id=employer_id, action="deregistered",
            before=snapshot(row),
            after={**snapshot(after), "documents": [d.model_dump(mode="json") for d in data.documents]},
            reason=data.note or data.reason.value,
        )
    return to_read(after, principal), True


async def verification_report(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, year: int,
    *, today: dt.date,
) -> VerificationReport:
    row = await access.visible_employer(conn, principal, employer_id)
    return await _report(conn, principal, row, year, today)


async def _report(
    conn: asyncpg.Connection, principal: Principal, row: asyncpg.Record, year: int, today: dt.date
) -> VerificationReport:
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    if start > today:
        raise InvalidInput("year_in_future", "验证年度不能晚于本年度", "year")
    history = await changes.history(conn, row["id"], since=start, until=dt.date(year, 12, 31))
    last = await repository.last_verification_before(conn, row["id"], year)
    headcount_start = await staff.headcount(conn, row["id"], start)
    headcount_end = await staff.headcount(conn, row["id"], end)
    money = await declared_vs_paid(conn, row["id"], year)
    return VerificationReport(
        employer_id=row["id"],
        year=year,
        status=row["status"],
        accepted_on=row["accepted_on"],
        decided_at=row["decided_at"],
        certificate_number=row["certificate_number"],
        changes_in_year=[change_to_read(c, principal) for c in history],
        last_verification=None if last is None else LastVerification(**dict(last)),
        headcount_start=headcount_start,
        headcount_end=headcount_end,
        headcount_change=headcount_end - headcount_start,
        declared_base_total=_fen(money.declared_base_total),
        assessed_total=_fen(money.assessed_total),
        paid_total=_fen(money.paid_total),
        unpaid_total=_fen(max(money.assessed_total - money.paid_total, Decimal(0))),
    )


def _fen(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _verification_to_read(row: asyncpg.Record) -> VerificationRead:
    return VerificationRead(**{name: row[name] for name in VerificationRead.model_fields})


async def record_verification(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: VerificationCreate,
    *,
    today: dt.date,
) -> tuple[VerificationRead, bool]:
    """The outcome of the year's verification, with the report it was based on (one per year)."""
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        existing = await repository.verification(conn, employer_id, data.year)
        if existing is not None:
            if existing["outcome"] == data.outcome.value:
                return _verification_to_read(existing), False
            raise Conflict("verification_already_recorded", "该年度验证结论已登记", "year")
        access.require_active(row)
        report = await _report(conn, principal, row, data.year, today)
        await repository.insert_verification(
            conn,
            {
                "employer_id": employer_id,
                "year": data.year,
                "outcome": data.outcome.value,
                "notes": data.notes,
                "report": report.model_dump(mode="json"),
                "verified_by": principal.subject,
            },
        )
        saved = await repository.verification(conn, employer_id, data.year)
        await audit.record(
            conn, principal, entity_type="employer", entity_id=employer_id, action="verified",
            after={"year": data.year, "outcome": data.outcome.value}, reason=data.notes,
        )
    return _verification_to_read(saved), True


async def _reissue_keyed(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    request_key: str,
    *,
    end_status: str,
    end_reason: str,
    today: dt.date,
    reason: str | None,
    precondition,  # noqa: ANN001 - async callable(row) raising a DomainError
) -> tuple[CertificateRead, bool]:
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        done = await repository.certificate_by_request(conn, employer_id, request_key)
        if done is not None:
            return CertificateRead(**dict(done)), False
        access.require_active(row)
        await precondition(row)
        number = await certificates.reissue(
            conn, principal, row, end_status=end_status, end_reason=end_reason, today=today, reason=reason
        )
        await repository.set_request_key(conn, employer_id, number, request_key)
        issued = await repository.certificate_by_request(conn, employer_id, request_key)
    return CertificateRead(**dict(issued)), True


async def replace_certificate(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: CertificateReplacementCreate,
    *,
    today: dt.date,
) -> tuple[CertificateRead, bool]:
    """补证: the lost certificate is voided, a new number issued."""
    if data.reported_lost_on > today:
        raise InvalidInput("date_in_future", "报失日期不能晚于今天", "reported_lost_on")

    async def has_certificate(row: asyncpg.Record) -> None:
        if await employers.valid_certificate(conn, row["id"]) is None:
            raise Conflict("no_valid_certificate", "该单位没有有效的社会保险登记证", "employer_id")

    return await _reissue_keyed(
        conn, principal, employer_id, data.request_key, end_status="voided", end_reason="lost",
        today=today, reason=data.note or f"报失日期 {data.reported_lost_on}", precondition=has_certificate,
    )


async def renew_certificate(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: CertificateRenewalCreate,
    *,
    today: dt.date,
) -> tuple[CertificateRead, bool]:
    """换证: after a passed verification of this or last year."""

    async def verified(row: asyncpg.Record) -> None:
        if not await repository.passed_verification_since(conn, row["id"], today.year - 1):
            raise Conflict("verification_required", "换证前须通过本年度或上年度验证", "employer_id")

    return await _reissue_keyed(
        conn, principal, employer_id, data.request_key, end_status="withdrawn", end_reason="renewal",
        today=today, reason=None, precondition=verified,
    )


async def list_certificates(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID
) -> list[CertificateRead]:
    await access.visible_employer(conn, principal, employer_id)
    return [CertificateRead(**dict(r)) for r in await employers.certificates(conn, employer_id)]

