"""The console's one-call read of a job seeker's record (issue 11): the 一条龙 page needs the job
seeker and five lists hanging off them, and each HTTP request costs the service more than the reads
themselves. The parts are read by the same service functions as their own endpoints, on one
connection, in one transaction that sees one snapshot, so that the parts agree (a hire recorded
between two reads cannot show a placement beside a job seeker still active)."""

from __future__ import annotations

import uuid

import asyncpg

from services.employment.enrolments import service as enrolments
from services.employment.guidance import service as guidance
from services.employment.job_search_reports import service as job_search_reports
from services.employment.job_seekers import service as job_seekers
from services.employment.job_seekers.record_schemas import JobSeekerRecordRead
from services.employment.job_seekers.schemas import JobSeekerRead
from services.employment.placements import service as placements
from services.employment.referrals import service as referrals
from shared.auth import Principal
from shared import db



async def read_record(conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID) -> JobSeekerRecordRead:
    """Another district's job seeker is 404 ``job_seeker_not_found``, as GET /job-seekers/{id}: the
    job seeker is read first, and refuses before the other parts are read."""
    async with db.read_snapshot(conn):
        seeker = JobSeekerRead(**dict(await job_seekers.get_visible(conn, principal, job_seeker_id)))
        return JobSeekerRecordRead(
            job_seeker=seeker,
            guidance_sessions=await guidance.for_job_seeker(conn, principal, job_seeker_id),
            enrolments=await enrolments.for_job_seeker(conn, principal, job_seeker_id),
            referrals=await referrals.for_job_seeker(conn, principal, job_seeker_id),
            placement=await placements.get_for_job_seeker(conn, principal, job_seeker_id),
            job_search_reports=await job_search_reports.for_job_seeker(conn, principal, job_seeker_id),
        )
