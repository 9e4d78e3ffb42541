"""Career guidance (职业指导): sessions, their outcome with an action plan, and the first offer a
person on benefit is due within a policy number of days of registering as a job seeker."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from services.employment.guidance import repository
from services.employment.guidance.schemas import (
    SessionCreate,
    SessionOutcomeCreate,
    SessionRead,
)
from services.employment.job_seekers import repository as job_seekers
from services.employment.job_seekers.service import get_active, get_visible
from services.employment.policy.repository import parameter_in_force
from shared.auth import Principal
from shared.clock import CHINA_TZ, Moment
from shared.errors import Conflict, InvalidInput, NotFound

SESSION_NOT_FOUND = NotFound("guidance_session_not_found", "未找到该职业指导预约", "session_id")


async def schedule(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID, data: SessionCreate, now: Moment
) -> tuple[SessionRead, bool]:
    today = now.today
    day = data.scheduled_at.astimezone(CHINA_TZ).date()
    if data.scheduled_at < now.instant - dt.timedelta(minutes=5):
        raise InvalidInput("scheduled_in_past", "预约时间不能早于现在", "scheduled_at")
    async with conn.transaction():
        seeker = await get_active(conn, principal, job_seeker_id)
        due_on, in_time = None, None
        is_first = await repository.count_for(conn, job_seeker_id) == 0
        if seeker["on_benefit"] and is_first:
            registered_on = seeker["registered_on"]
            policy = await parameter_in_force(conn, "first_guidance_days", seeker["district"], registered_on)
            due_on = registered_on + dt.timedelta(days=policy["value"])
            in_time = day <= due_on
            # While the deadline can still be met, the first offer must meet it.
            if not in_time and today <= due_on:
                raise InvalidInput(
                    "first_session_too_late",
                    f"领取失业保险金人员的首次职业指导应安排在{due_on}之前",
                    "scheduled_at",
                )
        values = data.model_dump() | {
            "job_seeker_id": job_seeker_id,
            "first_offer_due_on": due_on,
            "offered_in_time": in_time,
        }
        row, created = await repository.insert_once(conn, values, principal.subject)
    if not created and (row["counsellor"], row["location"]) != (data.counsellor, data.location):
        raise Conflict("session_exists", "该时间已有职业指导预约且内容不同", "scheduled_at")
    return SessionRead(**dict(row)), created


async def _visible(
    conn: asyncpg.Connection, principal: Principal, session_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get(conn, session_id, for_update=for_update)
    if row is None:
        raise SESSION_NOT_FOUND
    seeker = await job_seekers.get(conn, row["job_seeker_id"])
    if not principal.sees_district(seeker["district"]):
        raise SESSION_NOT_FOUND
    return row


async def record_outcome(
    conn: asyncpg.Connection, principal: Principal, session_id: uuid.UUID, data: SessionOutcomeCreate, now: Moment
) -> tuple[SessionRead, bool]:
    status = "attended" if data.attended else "missed"
    plan = [{"goal": g.goal, "due_on": g.due_on.isoformat()} for g in data.goals] if data.attended else None
    async with conn.transaction():
        row = await _visible(conn, principal, session_id, for_update=True)
        if row["status"] != "scheduled":
            if (row["status"], row["guidance"], row["action_plan"]) != (status, data.guidance, plan):
                raise Conflict("session_outcome_exists", "该职业指导已登记结果且内容不同", "session_id")
            return SessionRead(**dict(row)), False
        if now.instant < row["scheduled_at"]:
            raise Conflict("session_not_held_yet", "预约时间未到, 不能登记结果", "session_id")
        row = await repository.record_outcome(
            conn, session_id, status=status, guidance=data.guidance, action_plan=plan, by=principal.subject
        )
    return SessionRead(**dict(row)), True


async def for_job_seeker(conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID) -> list[SessionRead]:
    await get_visible(conn, principal, job_seeker_id)
    return [SessionRead(**dict(r)) for r in await repository.for_job_seeker(conn, job_seeker_id)]
