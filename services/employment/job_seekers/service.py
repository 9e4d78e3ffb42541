"""Job-seeker registration (求职登记): one per unemployment registration, with the person's
profile, status (active → placed | withdrawn with a reason), district-scoped for service points."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from services.employment.job_seekers import repository
from services.employment.registrations import RegistrationRecords
from services.employment.job_seekers.schemas import (
    BenefitEndCreate,
    CertificateCreate,
    CertificateRead,
    JobSeekerCreate,
    JobSeekerRead,
    JobSeekerUpdate,
    ProfileFields,
    WithdrawalCreate,
)
from shared.auth import Principal, Role
from shared.errors import Conflict, Forbidden, NotFound
from shared.results import Written
from shared.validation import not_after

JOB_SEEKER_NOT_FOUND = NotFound("job_seeker_not_found", "未找到该求职登记", "job_seeker_id")


def not_active(row: asyncpg.Record) -> Conflict:
    labels = {"placed": "已登记再就业", "withdrawn": "已注销求职登记"}
    return Conflict(
        "job_seeker_not_active",
        f"该求职人员{labels.get(row['status'], '不在求职状态')}, 不能办理此业务",
        "job_seeker_id",
    )


def _profile(data: ProfileFields) -> dict:
    return data.model_dump(
        include={"education", "skills", "preferred_occupations", "preferred_districts", "available_from", "working_time"}
    )


async def get_visible(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get(conn, job_seeker_id, for_update=for_update)
    if row is None or not principal.sees_district(row["district"]):
        raise JOB_SEEKER_NOT_FOUND
    return row


async def get_active(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID
) -> asyncpg.Record:
    """The visible job seeker, locked for the caller's transaction, who must still be searching."""
    row = await get_visible(conn, principal, job_seeker_id, for_update=True)
    if row["status"] != "active":
        raise not_active(row)
    return row


async def register(
    conn: asyncpg.Connection,
    principal: Principal,
    data: JobSeekerCreate,
    today: dt.date,
    registrations: RegistrationRecords,
) -> Written[JobSeekerRead]:
    if principal.role is Role.SERVICE_POINT and data.district != principal.district:
        raise Forbidden("district_forbidden", "服务网点只能为本辖区人员办理求职登记")
    if data.on_benefit is not None and principal.role is not Role.SYSTEM:
        raise Forbidden("on_benefit_forbidden", "是否领取失业保险金由一条龙流程登记")
    # The journey registers the job seeker once the claim is approved and paid (R-PAY-1): the
    # person draws benefit, so R-MON-1 reports and the first guidance offer apply; a residence
    # registration (R-SPELL-1) has no claim.
    on_benefit = principal.role is Role.SYSTEM and data.on_benefit is not False
    # Asked before the transaction: the 失业登记 must exist, be open, and be the person's in the
    # district given, as the registration service answers the caller.
    await registrations.check_open(data.registration_id, data.person_id, data.district)
    async with conn.transaction():
        row, created = await repository.insert_once(
            conn,
            registration_id=data.registration_id,
            person_id=data.person_id,
            district=data.district,
            on_benefit=on_benefit,
            profile=_profile(data),
            registered_on=today,
            created_by=principal.subject,
        )
        if not created and (row["person_id"] != data.person_id or row["district"] != data.district):
            raise Conflict("job_seeker_exists", "该失业登记已有求职登记", "registration_id")
        if not created and on_benefit and not row["on_benefit"]:
            # Registered at the desk first; the journey's call says benefit is now being drawn.
            row = await repository.mark_on_benefit(conn, row["id"])
    return Written(JobSeekerRead(**dict(row)), created)


async def update_profile(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID, data: JobSeekerUpdate
) -> JobSeekerRead:
    async with conn.transaction():
        await get_active(conn, principal, job_seeker_id)
        row = await repository.update_profile(conn, job_seeker_id, _profile(data))
    return JobSeekerRead(**dict(row))


async def withdraw(
    conn: asyncpg.Connection,
    principal: Principal,
    job_seeker_id: uuid.UUID,
    data: WithdrawalCreate,
    today: dt.date,
) -> tuple[JobSeekerRead, bool]:
    """Withdrawal (注销求职登记) with its reason; repeating the same withdrawal answers the same record."""
    not_after(data.withdrawn_on, today, code="withdrawn_on_in_future", message="注销日期不能晚于今天", field="withdrawn_on")
    async with conn.transaction():
        row = await get_visible(conn, principal, job_seeker_id, for_update=True)
        if row["status"] == "withdrawn":
            same = (row["withdrawal_reason"], row["withdrawal_note"], row["withdrawn_on"]) == (
                data.reason,
                data.note,
                data.withdrawn_on,
            )
            if not same:
                raise Conflict("job_seeker_withdrawn", "该求职登记已注销", "job_seeker_id")
            return JobSeekerRead(**dict(row)), False
        if row["status"] != "active":
            raise not_active(row)
        row = await repository.withdraw(conn, job_seeker_id, data.reason, data.note, data.withdrawn_on)
    return JobSeekerRead(**dict(row)), True


async def record_benefit_end(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID, data: BenefitEndCreate
) -> tuple[JobSeekerRead, bool]:
    """When benefit ended without a placement; repeating the same answer changes nothing."""
    async with conn.transaction():
        row = await get_visible(conn, principal, job_seeker_id, for_update=True)
        if row["benefit_ended_on"] is not None:
            if (row["benefit_ended_on"], row["benefit_end_reason"]) != (data.ended_on, data.reason):
                raise Conflict("benefit_end_recorded", "该人员的待遇终止已登记且内容不同", "job_seeker_id")
            return JobSeekerRead(**dict(row)), False
        if not row["on_benefit"]:
            raise Conflict("not_on_benefit", "该求职人员未领取失业保险金", "job_seeker_id")
        row = await repository.record_benefit_end(conn, job_seeker_id, data.ended_on, data.reason)
    return JobSeekerRead(**dict(row)), True


async def add_certificate(
    conn: asyncpg.Connection,
    principal: Principal,
    job_seeker_id: uuid.UUID,
    data: CertificateCreate,
    today: dt.date,
) -> tuple[CertificateRead, bool]:
    not_after(data.issued_on, today, code="issued_on_in_future", message="发证日期不能晚于今天", field="issued_on")
    async with conn.transaction():
        await get_visible(conn, principal, job_seeker_id, for_update=True)
        row, created = await repository.insert_certificate_once(
            conn,
            job_seeker_id=job_seeker_id,
            certificate_no=data.certificate_no,
            occupation=data.occupation,
            level=data.level,
            issued_on=data.issued_on,
            source="declared",
            enrolment_id=None,
            created_by=principal.subject,
        )
    if not created and (row["occupation"], row["level"], row["issued_on"]) != (
        data.occupation,
        data.level,
        data.issued_on,
    ):
        raise Conflict("certificate_exists", "该证书编号已登记且内容不同", "certificate_no")
    return CertificateRead(**dict(row)), created


async def certificates(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID
) -> list[CertificateRead]:
    await get_visible(conn, principal, job_seeker_id)
    return [CertificateRead(**dict(r)) for r in await repository.certificates_of(conn, job_seeker_id)]


async def list_job_seekers(
    conn: asyncpg.Connection, principal: Principal, status: str | None, limit: int, offset: int
) -> list[JobSeekerRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_for_district(conn, district, status, limit, offset)
    return [JobSeekerRead(**dict(r)) for r in rows]
