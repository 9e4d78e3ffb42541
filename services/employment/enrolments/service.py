"""Enrolment in a course (capacity enforced under concurrency), attendance, completion with a
certificate; a passed course is told to the claimant's journey (R-SUB-1: the benefits service
pays training and skill-upgrade subsidies on it)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.journey import TRAINING_COMPLETED, TrainingCompleted
from services.employment.enrolments import repository
from services.employment.enrolments.schemas import AttendanceCreate, CompletionCreate, EnrolmentRead
from services.employment.job_seekers import repository as job_seekers
from services.employment.job_seekers.service import get_active, get_visible
from services.employment.signals import signal_journey
from services.employment.training import repository as training
from services.employment.training.service import COURSE_NOT_FOUND
from shared.auth import Principal, Role
from shared.errors import Conflict, InvalidInput, NotFound
from shared.outbox import OutboxRelay

ENROLMENT_NOT_FOUND = NotFound("enrolment_not_found", "未找到该培训报名", "enrolment_id")


async def enrol(
    conn: asyncpg.Connection,
    principal: Principal,
    course_id: uuid.UUID,
    job_seeker_id: uuid.UUID,
    today: dt.date,
) -> tuple[EnrolmentRead, bool]:
    async with conn.transaction():
        await get_active(conn, principal, job_seeker_id)
        row, created = await enrol_in_transaction(conn, course_id, job_seeker_id, today, principal.subject)
    return EnrolmentRead(**dict(row)), created


async def enrol_in_transaction(
    conn: asyncpg.Connection, course_id: uuid.UUID, job_seeker_id: uuid.UUID, today: dt.date, created_by: str
) -> tuple[asyncpg.Record, bool]:
    """Inside the caller's transaction, the (active) job seeker's row locked by the caller."""
    # The course row lock serialises concurrent enrolments: the seat count below is exact.
    course = await training.lock_course(conn, course_id)
    if course is None:
        raise COURSE_NOT_FOUND
    existing = await repository.find(conn, course_id, job_seeker_id)
    if existing is not None:
        if existing["status"] == "withdrawn":
            raise Conflict("enrolment_withdrawn", "该人员已退出此课程", "job_seeker_id")
        return existing, False
    if today > course["end_date"]:
        raise Conflict("course_ended", "该课程已结束, 不能报名", "course_id")
    if await repository.seats_taken(conn, course_id) >= course["capacity"]:
        raise Conflict("course_full", "该课程名额已满", "course_id")
    return await repository.insert(conn, course_id, job_seeker_id, created_by), True


async def _visible_enrolment(
    conn: asyncpg.Connection, principal: Principal, enrolment_id: uuid.UUID, *, for_update: bool = False
) -> tuple[asyncpg.Record, asyncpg.Record]:
    enrolment = await repository.get(conn, enrolment_id, for_update=for_update)
    if enrolment is None:
        raise ENROLMENT_NOT_FOUND
    seeker = await job_seekers.get(conn, enrolment["job_seeker_id"])
    if not principal.sees_district(seeker["district"]):
        raise ENROLMENT_NOT_FOUND
    return enrolment, seeker


async def get(conn: asyncpg.Connection, principal: Principal, enrolment_id: uuid.UUID) -> EnrolmentRead:
    enrolment, _ = await _visible_enrolment(conn, principal, enrolment_id)
    return EnrolmentRead(**dict(enrolment))


async def for_course(conn: asyncpg.Connection, principal: Principal, course_id: uuid.UUID) -> list[EnrolmentRead]:
    if await training.get_course(conn, course_id) is None:
        raise COURSE_NOT_FOUND
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    return [EnrolmentRead(**dict(r)) for r in await repository.list_for_course(conn, course_id, district)]


async def for_job_seeker(conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID) -> list[EnrolmentRead]:
    await get_visible(conn, principal, job_seeker_id)
    return [EnrolmentRead(**dict(r)) for r in await repository.list_for_job_seeker(conn, job_seeker_id)]


async def record_attendance(
    conn: asyncpg.Connection, principal: Principal, enrolment_id: uuid.UUID, data: AttendanceCreate, today: dt.date
) -> EnrolmentRead:
    async with conn.transaction():
        enrolment, _ = await _visible_enrolment(conn, principal, enrolment_id, for_update=True)
        if enrolment["status"] != "enrolled":
            raise Conflict("enrolment_closed", "该报名已结业或退出, 不能登记考勤", "enrolment_id")
        course = await training.get_course(conn, enrolment["course_id"])
        if not course["start_date"] <= data.day <= min(course["end_date"], today):
            raise InvalidInput("day_outside_course", "考勤日期应在课程期间且不晚于今天", "day")
        stored = await repository.insert_attendance_once(conn, enrolment_id, data.day, data.present, principal.subject)
        if stored != data.present:
            raise Conflict("attendance_exists", "该日考勤已登记且内容不同", "day")
        row = await repository.get(conn, enrolment_id)
    return EnrolmentRead(**dict(row))


def _same_completion(row: asyncpg.Record, data: CompletionCreate) -> bool:
    return (row["status"] == "completed") == data.passed and (
        row["completed_on"],
        row["certificate_no"],
        row["certificate_level"],
    ) == (data.completed_on, data.certificate_no, data.certificate_level)


async def complete(
    conn: asyncpg.Connection,
    principal: Principal,
    enrolment_id: uuid.UUID,
    data: CompletionCreate,
    today: dt.date,
    relay: OutboxRelay,
) -> tuple[EnrolmentRead, bool]:
    outbox_id = None
    async with conn.transaction():
        enrolment, seeker = await _visible_enrolment(conn, principal, enrolment_id, for_update=True)
        if enrolment["status"] in ("completed", "failed"):
            if not _same_completion(enrolment, data):
                raise Conflict("enrolment_completed", "该报名已登记结业且内容不同", "enrolment_id")
            return EnrolmentRead(**dict(enrolment)), False
        if enrolment["status"] == "withdrawn":
            raise Conflict("enrolment_closed", "该人员已退出此课程", "enrolment_id")
        course = await training.get_course(conn, enrolment["course_id"])
        if not course["start_date"] <= data.completed_on <= today:
            raise InvalidInput("invalid_completed_on", "结业日期应在课程开始之后且不晚于今天", "completed_on")
        await _record_completion(conn, principal, enrolment_id, seeker, course, data)
        if data.passed:
            outbox_id = await _tell_journey_of_completion(conn, enrolment_id, seeker, course, data)
        row = await repository.get(conn, enrolment_id)
    await relay.dispatch([outbox_id])
    return EnrolmentRead(**dict(row)), True


async def _record_completion(
    conn: asyncpg.Connection,
    principal: Principal,
    enrolment_id: uuid.UUID,
    seeker: asyncpg.Record,
    course: asyncpg.Record,
    data: CompletionCreate,
) -> None:
    """The enrolment's result and, for a pass with a certificate, the job seeker's certificate."""
    await repository.complete(
        conn,
        enrolment_id,
        status="completed" if data.passed else "failed",
        completed_on=data.completed_on,
        certificate_no=data.certificate_no,
        certificate_level=data.certificate_level,
    )
    if data.passed and data.certificate_no:
        await job_seekers.insert_certificate_once(
            conn,
            job_seeker_id=seeker["id"],
            certificate_no=data.certificate_no,
            occupation=course["occupation"],
            level=data.certificate_level,
            issued_on=data.completed_on,
            source="training",
            enrolment_id=enrolment_id,
            created_by=principal.subject,
        )


async def _tell_journey_of_completion(
    conn: asyncpg.Connection,
    enrolment_id: uuid.UUID,
    seeker: asyncpg.Record,
    course: asyncpg.Record,
    data: CompletionCreate,
) -> int | None:
    """R-SUB-1: the journey has the benefits service pay the training / skill-upgrade subsidy;
    the enrolment's ID is the event's ID (one completion per enrolment)."""
    return await signal_journey(
        conn,
        seeker["registration_id"],
        TRAINING_COMPLETED,
        TrainingCompleted(
            enrolment_id=str(enrolment_id),
            course_id=str(course["id"]),
            occupation=course["occupation"],
            certificate_level=data.certificate_level,
            # What the subsidy is asked for; the benefits service caps it by policy.
            course_cost=course["cost"],
        ),
        enrolment_id,
    )


async def withdraw(conn: asyncpg.Connection, principal: Principal, enrolment_id: uuid.UUID) -> EnrolmentRead:
    """退出培训: frees the seat; repeating it answers the same record."""
    async with conn.transaction():
        enrolment, _ = await _visible_enrolment(conn, principal, enrolment_id, for_update=True)
        if enrolment["status"] in ("completed", "failed"):
            raise Conflict("enrolment_completed", "该报名已结业, 不能退出", "enrolment_id")
        await repository.withdraw(conn, enrolment_id)
        row = await repository.get(conn, enrolment_id)
    return EnrolmentRead(**dict(row))
