"""Monthly job-search reports (R-MON-1): one per job seeker and calendar month in China time, told
to the journey (a missing report withholds that month's payment until the person reports)."""

from __future__ import annotations

import uuid

import asyncpg

from contracts.calendar import YearMonth, calendar_month
from contracts.journey import JOB_SEARCH_REPORTED, JobSearchReported
from services.employment.job_search_reports import repository
from services.employment.job_search_reports.schemas import MissingReport, ReportCreate, ReportRead
from services.employment.job_seekers.service import get_active, get_visible
from services.employment.signals import signal_journey
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.errors import Conflict, Forbidden, InvalidInput
from shared.outbox import OutboxRelay

_COMPARED = ("channel", "applications_made", "interviews", "guidance_attended", "training_attended", "notes")


async def report(
    conn: asyncpg.Connection,
    principal: Principal,
    job_seeker_id: uuid.UUID,
    data: ReportCreate,
    now: Moment,
    relay: OutboxRelay,
) -> tuple[ReportRead, bool]:
    if principal.role is Role.SERVICE_POINT and data.channel != "service_point":
        raise Forbidden("channel_forbidden", "服务网点只能登记窗口报告")
    reported_on = now.today
    current_month = calendar_month(reported_on)
    month = data.report_month or current_month
    if month > current_month:
        raise InvalidInput("report_month_in_future", "不能报告尚未到来的月份", "report_month")
    outbox_id = None
    async with conn.transaction():
        seeker = await get_active(conn, principal, job_seeker_id)
        if month < calendar_month(seeker["registered_on"]):
            raise InvalidInput("report_month_before_registration", "报告月份早于求职登记月份", "report_month")
        values = data.model_dump(include=set(_COMPARED)) | {
            "job_seeker_id": job_seeker_id,
            "report_month": month,
            "reported_on": reported_on,
            "reported_at": now.instant,
        }
        row, created = await repository.insert_once(conn, values, principal.subject)
        if not created:
            if any(row[k] != values[k] for k in _COMPARED):
                raise Conflict("report_exists", f"{month}的求职情况报告已登记且内容不同", "report_month")
        else:
            # The report's ID is the event's ID: a retried request finds the report and sends nothing.
            outbox_id = await signal_journey(
                conn,
                seeker["registration_id"],
                JOB_SEARCH_REPORTED,
                JobSearchReported(str(row["id"]), month, reported_on),
                row["id"],
            )
    await relay.dispatch([outbox_id])
    return ReportRead(**dict(row)), created


async def for_job_seeker(conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID) -> list[ReportRead]:
    await get_visible(conn, principal, job_seeker_id)
    return [ReportRead(**dict(r)) for r in await repository.for_job_seeker(conn, job_seeker_id)]


async def missing(
    conn: asyncpg.Connection, principal: Principal, month: str, now: Moment, limit: int
) -> list[MissingReport]:
    # The month is checked by the route's Month type (1950-01 … 2099-12).
    if month > calendar_month(now.today):
        raise InvalidInput("report_month_in_future", "不能查询尚未到来的月份", "month")
    last_day = YearMonth.parse(month).last_day
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.missing_for_month(conn, month, last_day, district, limit)
    return [MissingReport(**dict(r), report_month=month) for r in rows]
