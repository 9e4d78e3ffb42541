from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Response, status

from services.employment.job_seekers import record, service
from services.employment.job_seekers.auth import JobSeekerReader, JobSeekerRegistrar, JobSeekerWriter, JourneyCaller
from services.employment.job_seekers.record_schemas import JobSeekerRecordRead
from services.employment.registrations import Registrations
from services.employment.job_seekers.schemas import (
    BenefitEndCreate,
    CertificateCreate,
    CertificateRead,
    JobSeekerCreate,
    JobSeekerRead,
    JobSeekerUpdate,
    WithdrawalCreate,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX

router = APIRouter(prefix="/job-seekers", tags=["job seekers"])


@router.post(
    "",
    response_model=JobSeekerRead,
    status_code=status.HTTP_201_CREATED,
    summary="求职登记; 200 with the existing record when repeated",
)
async def register_job_seeker(
    body: JobSeekerCreate,
    response: Response,
    now: Now,
    registrations: Registrations,
    principal: JobSeekerRegistrar,
    conn: Conn,
) -> JobSeekerRead:
    result = await service.register(conn, principal, body, now.today, registrations)
    created_or_repeated(response, result.created)
    return result.value


@router.get("", response_model=list[JobSeekerRead])
async def list_job_seekers(
    principal: JobSeekerReader,
    conn: Conn,
    status_filter: Literal["active", "placed", "withdrawn"] | None = Query(None, alias="status"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[JobSeekerRead]:
    return await service.list_job_seekers(conn, principal, status_filter, limit, offset)


@router.get("/{job_seeker_id}", response_model=JobSeekerRead)
async def get_job_seeker(
    job_seeker_id: uuid.UUID,
    principal: JobSeekerReader,
    conn: Conn,
) -> JobSeekerRead:
    return JobSeekerRead(**dict(await service.get_visible(conn, principal, job_seeker_id)))


@router.get(
    "/{job_seeker_id}/record",
    response_model=JobSeekerRecordRead,
    summary="工作台一条龙页面的求职记录一次读取: 求职登记、职业指导、培训报名、职业介绍、再就业和求职报告, "
    "与六个单独接口的答复相同 (尚无再就业登记时为 null), 在同一只读事务中读取",
)
async def get_job_seeker_record(
    job_seeker_id: uuid.UUID,
    principal: JobSeekerReader,
    conn: Conn,
) -> JobSeekerRecordRead:
    return await record.read_record(conn, principal, job_seeker_id)


@router.put("/{job_seeker_id}/profile", response_model=JobSeekerRead, summary="更新求职登记表")
async def update_profile(
    job_seeker_id: uuid.UUID,
    body: JobSeekerUpdate,
    principal: JobSeekerWriter,
    conn: Conn,
) -> JobSeekerRead:
    return await service.update_profile(conn, principal, job_seeker_id, body)


@router.post(
    "/{job_seeker_id}/withdrawal",
    response_model=JobSeekerRead,
    summary="注销求职登记 (with a reason); 200 when repeated",
)
async def withdraw(
    job_seeker_id: uuid.UUID,
    body: WithdrawalCreate,
    now: Now,
    principal: JobSeekerWriter,
    conn: Conn,
) -> JobSeekerRead:
    seeker, _ = await service.withdraw(conn, principal, job_seeker_id, body, now.today)
    return seeker


@router.post(
    "/{job_seeker_id}/certificates",
    response_model=CertificateRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记持有的职业资格/技能等级证书; 200 when repeated",
)
async def add_certificate(
    job_seeker_id: uuid.UUID,
    body: CertificateCreate,
    response: Response,
    now: Now,
    principal: JobSeekerWriter,
    conn: Conn,
) -> CertificateRead:
    certificate, created = await service.add_certificate(conn, principal, job_seeker_id, body, now.today)
    created_or_repeated(response, created)
    return certificate


@router.get("/{job_seeker_id}/certificates", response_model=list[CertificateRead])
async def list_certificates(
    job_seeker_id: uuid.UUID,
    principal: JobSeekerReader,
    conn: Conn,
) -> list[CertificateRead]:
    return await service.certificates(conn, principal, job_seeker_id)


@router.post(
    "/{job_seeker_id}/benefit-end",
    response_model=JobSeekerRead,
    status_code=status.HTTP_201_CREATED,
    summary="待遇终止: the journey tells when benefit ended without a placement (used up or "
    "stopped), so the statistics count who drew benefit exactly; 200 when repeated",
)
async def record_benefit_end(
    job_seeker_id: uuid.UUID,
    body: BenefitEndCreate,
    response: Response,
    principal: JourneyCaller,
    conn: Conn,
) -> JobSeekerRead:
    seeker, created = await service.record_benefit_end(conn, principal, job_seeker_id, body)
    created_or_repeated(response, created)
    return seeker
