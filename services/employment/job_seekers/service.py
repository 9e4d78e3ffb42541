"""Job-seeker registration (求职登记). One per unemployment registration."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import asyncpg

from services.employment.job_seekers import repository
from services.employment.job_seekers.schemas import JobSeekerCreate, JobSeekerRead
from shared.auth import Principal, Role
from shared.errors import Conflict, Forbidden, NotFound

JOB_SEEKER_NOT_FOUND = NotFound("job_seeker_not_found", "未找到该求职登记", "job_seeker_id")


@dataclass
class Registered:
    job_seeker: JobSeekerRead
    created: bool


async def get_visible(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get(conn, job_seeker_id, for_update=for_update)
    if row is None or not principal.sees_district(row["district"]):
        raise JOB_SEEKER_NOT_FOUND
    return row


async def register(conn: asyncpg.Connection, principal: Principal, data: JobSeekerCreate) -> Registered:
    if principal.role is Role.SERVICE_POINT and data.district != principal.district:
        raise Forbidden("district_forbidden", "服务网点只能为本辖区人员办理求职登记")
    async with conn.transaction():
        row, created = await repository.insert_once(
            conn,
            registration_id=data.registration_id,
            person_id=data.person_id,
            district=data.district,
            created_by=principal.subject,
        )
    if not created and (row["person_id"] != data.person_id or row["district"] != data.district):
        raise Conflict("job_seeker_exists", "该失业登记已有求职登记", "registration_id")
    return Registered(JobSeekerRead(**dict(row)), created)


async def list_job_seekers(
    conn: asyncpg.Connection, principal: Principal, limit: int, offset: int
) -> list[JobSeekerRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_for_district(conn, district, limit, offset)
    return [JobSeekerRead(**dict(r)) for r in rows]
