"""Referrals (职业介绍) to a vacancy, or offers of a training course, and their outcome.

R-STOP-1: only a refusal judged *without* good reason is counted; when the person's count reaches
the threshold in force (an effective-dated policy row) a stop *proposal* is raised for a case
manager — benefit is never stopped automatically. Each counted refusal is told to the journey.
A hired outcome records the placement (through referral), which the journey stops benefit on;
an accepted course offer enrols the person (the course's capacity holds).
"""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.journey import REFUSAL_RECORDED, RefusalRecorded
from services.employment.enrolments.service import enrol_in_transaction
from services.employment.job_seekers import repository as job_seekers
from services.employment.job_seekers.service import get_active, get_visible, not_active
from services.employment.placements import repository as placements
from services.employment.placements.service import place_in_transaction
from services.employment.policy.repository import parameter_in_force
from services.employment.referrals import repository
from services.employment.referrals.schemas import OutcomeCreate, ReferralCreate, ReferralRead
from services.employment.signals import signal_journey
from services.employment.training import repository as training
from services.employment.training.service import COURSE_NOT_FOUND
from services.employment.vacancies import matching
from services.employment.vacancies import repository as vacancies
from services.employment.vacancies.service import VACANCY_NOT_FOUND
from shared.auth import Principal
from shared.errors import Conflict, InvalidInput, NotFound
from shared.outbox import OutboxRelay
from shared.validation import not_after

REFERRAL_NOT_FOUND = NotFound("referral_not_found", "未找到该职业介绍记录", "referral_id")


def _read(row: asyncpg.Record) -> ReferralRead:
    return ReferralRead(**dict(row))


async def refer(
    conn: asyncpg.Connection,
    principal: Principal,
    data: ReferralCreate,
    today: dt.date,
) -> tuple[ReferralRead, bool]:
    async with conn.transaction():
        seeker = await get_active(conn, principal, data.job_seeker_id)
        existing = await repository.find(conn, data.vacancy_id, data.course_id, data.job_seeker_id)
        if existing is not None:
            return _read(existing), False
        matched = (await job_seekers.active_for_matching(conn, None, data.job_seeker_id))[0]
        if data.vacancy_id is not None:
            score = await _vacancy_score(conn, matched, data.vacancy_id)
        else:
            score = await _course_score(conn, matched, data.course_id, today)
        policy = await parameter_in_force(conn, "referral_response_days", seeker["district"], today)
        row, created = await repository.insert_once(
            conn,
            vacancy_id=data.vacancy_id,
            course_id=data.course_id,
            job_seeker_id=data.job_seeker_id,
            match_score=score.points,
            match_reasons=[{"factor": r.factor, "points": r.points, "detail": r.detail} for r in score.reasons],
            referred_on=today,
            response_due_on=today + dt.timedelta(days=policy["value"]),
            response_policy_id=policy["id"],
            created_by=principal.subject,
        )
    return _read(row), created


async def _vacancy_score(conn: asyncpg.Connection, seeker: asyncpg.Record, vacancy_id: uuid.UUID) -> matching.Score:
    vacancy = await vacancies.get(conn, vacancy_id, for_update=True)
    if vacancy is None:
        raise VACANCY_NOT_FOUND
    if vacancy["status"] != "open" or vacancy["filled"] >= vacancy["openings"]:
        raise Conflict("vacancy_not_open", "该岗位已关闭或已招满", "vacancy_id")
    score = matching.score(seeker, vacancy)
    if score is None:
        # Only a suitable job may be offered: refusing an unsuitable one could not count (R-STOP-1).
        raise Conflict("not_matched", "该人员不符合岗位要求或与岗位无匹配项, 不能介绍", "vacancy_id")
    return score


async def _course_score(
    conn: asyncpg.Connection, seeker: asyncpg.Record, course_id: uuid.UUID | None, today: dt.date
) -> matching.Score:
    assert course_id is not None
    course = await training.get_course(conn, course_id)
    if course is None:
        raise COURSE_NOT_FOUND
    if today > course["end_date"] or course["seats_taken"] >= course["capacity"]:
        raise Conflict("course_not_open", "该课程已结束或名额已满", "course_id")
    return matching.score_course(seeker, course)


async def _visible(
    conn: asyncpg.Connection, principal: Principal, referral_id: uuid.UUID, *, for_update: bool = False
) -> tuple[asyncpg.Record, asyncpg.Record]:
    referral = await repository.get(conn, referral_id, for_update=for_update)
    if referral is None:
        raise REFERRAL_NOT_FOUND
    seeker = await job_seekers.get(conn, referral["job_seeker_id"], for_update=for_update)
    if not principal.sees_district(seeker["district"]):
        raise REFERRAL_NOT_FOUND
    return referral, seeker


async def get(conn: asyncpg.Connection, principal: Principal, referral_id: uuid.UUID) -> ReferralRead:
    referral, _ = await _visible(conn, principal, referral_id)
    return _read(referral)


async def for_job_seeker(conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID) -> list[ReferralRead]:
    await get_visible(conn, principal, job_seeker_id)
    return [_read(r) for r in await repository.for_job_seeker(conn, job_seeker_id)]


async def _same_outcome(conn: asyncpg.Connection, row: asyncpg.Record, data: OutcomeCreate) -> bool:
    same = (row["status"], row["outcome_on"], row["refusal_reason"], row["good_reason"], row["outcome_note"]) == (
        data.outcome,
        data.outcome_on,
        data.refusal_reason,
        data.good_reason,
        data.note,
    )
    if same and data.outcome == "hired":
        placement = await placements.for_job_seeker(conn, row["job_seeker_id"])
        return placement is not None and placement["start_date"] == data.start_date
    return same


async def record_outcome(
    conn: asyncpg.Connection,
    principal: Principal,
    referral_id: uuid.UUID,
    data: OutcomeCreate,
    today: dt.date,
    relay: OutboxRelay,
) -> tuple[ReferralRead, bool]:
    not_after(data.outcome_on, today, code="outcome_on_in_future", message="结果日期不能晚于今天", field="outcome_on")
    outbox_id = None
    async with conn.transaction():
        referral, seeker = await _visible(conn, principal, referral_id, for_update=True)
        if referral["status"] != "pending":
            if not await _same_outcome(conn, referral, data):
                raise Conflict("referral_outcome_exists", "该职业介绍已登记结果且内容不同", "outcome")
            return _read(referral), False
        is_course = referral["course_id"] is not None
        if data.outcome in ("hired", "enrolled") and (data.outcome == "enrolled") != is_course:
            raise InvalidInput(
                "outcome_not_for_target", "岗位介绍的结果为录用, 培训安排的结果为报名", "outcome"
            )
        if data.outcome_on < referral["referred_on"]:
            raise InvalidInput("outcome_before_referral", "结果日期不能早于介绍日期", "outcome_on")
        if data.outcome == "no_response" and today <= referral["response_due_on"]:
            raise Conflict(
                "response_deadline_not_passed",
                f"回复期限({referral['response_due_on']})未过, 不能登记为未回复",
                "outcome",
            )
        await repository.record_outcome(
            conn,
            referral_id,
            status=data.outcome,
            outcome_on=data.outcome_on,
            refusal_reason=data.refusal_reason,
            good_reason=data.good_reason,
            note=data.note,
            outcome_by=principal.subject,
        )
        if data.outcome == "hired":
            outbox_id = await _hire(conn, principal, referral, seeker, data)
        elif data.outcome == "enrolled":
            await _enrol(conn, principal, referral, seeker, today)
        elif data.outcome == "refused" and data.good_reason is False:
            outbox_id = await _count_refusal(conn, referral, seeker, data.outcome_on)
        row = await repository.get(conn, referral_id)
    await relay.dispatch([outbox_id])
    return _read(row), True


async def _hire(
    conn: asyncpg.Connection,
    principal: Principal,
    referral: asyncpg.Record,
    seeker: asyncpg.Record,
    data: OutcomeCreate,
) -> int | None:
    # Lock first, count after: the count's own statement then sees every hire committed before.
    await vacancies.lock(conn, referral["vacancy_id"])
    vacancy = await vacancies.get(conn, referral["vacancy_id"])
    # This referral already counts as hired here: more than the openings means full.
    if vacancy["filled"] > vacancy["openings"]:
        raise Conflict("vacancy_filled", "该岗位已招满", "vacancy_id")
    assert data.start_date is not None
    placed = await place_in_transaction(
        conn,
        seeker,
        employer_name=vacancy["employer_name"],
        start_date=data.start_date,
        through_referral=True,
        source="referral",
        referral_id=referral["id"],
        employer_id=vacancy["employer_id"],
        created_by=principal.subject,
    )
    if not placed.created:
        raise Conflict("placement_exists", "该求职人员已登记再就业", "job_seeker_id")
    (outbox_id,) = placed.outbox_ids
    return outbox_id


async def _enrol(
    conn: asyncpg.Connection, principal: Principal, referral: asyncpg.Record, seeker: asyncpg.Record, today: dt.date
) -> None:
    if seeker["status"] != "active":
        raise not_active(seeker)
    enrolment, _ = await enrol_in_transaction(conn, referral["course_id"], seeker["id"], today, principal.subject)
    await repository.set_enrolment(conn, referral["id"], enrolment["id"])


async def _count_refusal(
    conn: asyncpg.Connection, referral: asyncpg.Record, seeker: asyncpg.Record, on: dt.date
) -> int | None:
    # Counted per job seeker, i.e. the person's current unemployment spell (R-STOP-1).
    count = await repository.refusals_without_good_reason(conn, seeker["id"])
    policy = await parameter_in_force(conn, "refusal_threshold", seeker["district"], on)
    reached = count >= policy["value"]
    if reached and await repository.open_proposal(conn, seeker["id"]) is None:
        await repository.insert_proposal(
            conn,
            job_seeker_id=seeker["id"],
            referral_id=referral["id"],
            refusals_counted=count,
            threshold=policy["value"],
            policy_id=policy["id"],
            event_date=on,
        )
    return await signal_journey(
        conn,
        seeker["registration_id"],
        REFUSAL_RECORDED,
        RefusalRecorded(str(referral["id"]), count, reached),
        referral["id"],
    )


async def sweep_no_response(conn: asyncpg.Connection, principal: Principal, today: dt.date, limit: int) -> list[uuid.UUID]:
    """No response by the deadline: recorded as such, never counted as a refusal (R-STOP-1 needs
    a refusal judged without good reason)."""
    async with conn.transaction():
        return await repository.mark_no_response(conn, today, principal.subject, limit)
