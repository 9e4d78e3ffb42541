from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from services.employment.enrolments import service
from services.employment.enrolments.auth import EnrolmentReader, EnrolmentWriter
from services.employment.enrolments.schemas import (
    AttendanceCreate,
    CompletionCreate,
    EnrolmentCreate,
    EnrolmentRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(tags=["vocational training"])


@router.post(
    "/courses/{course_id}/enrolments",
    response_model=EnrolmentRead,
    status_code=status.HTTP_201_CREATED,
    summary="培训报名 (capacity enforced); 200 with the same enrolment when repeated",
)
async def enrol(
    course_id: uuid.UUID,
    body: EnrolmentCreate,
    response: Response,
    now: Now,
    principal: EnrolmentWriter,
    conn: Conn,
) -> EnrolmentRead:
    enrolment, created = await service.enrol(conn, principal, course_id, body.job_seeker_id, now.today)
    created_or_repeated(response, created)
    return enrolment


@router.get("/courses/{course_id}/enrolments", response_model=list[EnrolmentRead])
async def course_enrolments(
    course_id: uuid.UUID,
    principal: EnrolmentReader,
    conn: Conn,
) -> list[EnrolmentRead]:
    return await service.for_course(conn, principal, course_id)


@router.get("/job-seekers/{job_seeker_id}/enrolments", response_model=list[EnrolmentRead])
async def job_seeker_enrolments(
    job_seeker_id: uuid.UUID,
    principal: EnrolmentReader,
    conn: Conn,
) -> list[EnrolmentRead]:
    return await service.for_job_seeker(conn, principal, job_seeker_id)


@router.get("/enrolments/{enrolment_id}", response_model=EnrolmentRead)
async def get_enrolment(
    enrolment_id: uuid.UUID,
    principal: EnrolmentReader,
    conn: Conn,
) -> EnrolmentRead:
    return await service.get(conn, principal, enrolment_id)


@router.post("/enrolments/{enrolment_id}/attendance", response_model=EnrolmentRead, summary="登记一天的考勤")
async def record_attendance(
    enrolment_id: uuid.UUID,
    body: AttendanceCreate,
    now: Now,
    principal: EnrolmentWriter,
    conn: Conn,
) -> EnrolmentRead:
    return await service.record_attendance(conn, principal, enrolment_id, body, now.today)


@router.post(
    "/enrolments/{enrolment_id}/completion",
    response_model=EnrolmentRead,
    status_code=status.HTTP_201_CREATED,
    summary="结业 (with certificate and level); tells the journey once; 200 when repeated",
)
async def complete(
    enrolment_id: uuid.UUID,
    body: CompletionCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: EnrolmentWriter,
    conn: Conn,
) -> EnrolmentRead:
    enrolment, created = await service.complete(
        conn, principal, enrolment_id, body, now.today, request.app.state.outbox
    )
    created_or_repeated(response, created)
    return enrolment


@router.post("/enrolments/{enrolment_id}/withdrawal", response_model=EnrolmentRead, summary="退出培训 (frees the seat)")
async def withdraw(
    enrolment_id: uuid.UUID,
    principal: EnrolmentWriter,
    conn: Conn,
) -> EnrolmentRead:
    return await service.withdraw(conn, principal, enrolment_id)
