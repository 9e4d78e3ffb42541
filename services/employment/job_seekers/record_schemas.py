"""The response model of the console's one-call read of a job seeker's record (issue 11). Apart
from ``schemas.py`` because it is made of the other domains' reads, and one of them
(``enrolments.schemas``) imports ``job_seekers.schemas``: kept there, it would be an import cycle."""

from __future__ import annotations

from pydantic import BaseModel

from services.employment.enrolments.schemas import EnrolmentRead
from services.employment.guidance.schemas import SessionRead
from services.employment.job_search_reports.schemas import ReportRead
from services.employment.job_seekers.schemas import JobSeekerRead
from services.employment.placements.schemas import PlacementRead
from services.employment.referrals.schemas import ReferralRead


class JobSeekerRecordRead(BaseModel):
    """Each part exactly as its own endpoint answers it: GET /job-seekers/{id}, …/guidance-sessions,
    …/enrolments, …/referrals, …/placement (null where that answers 404 ``placement_not_found``)
    and …/job-search-reports (R-MON-1)."""

    job_seeker: JobSeekerRead
    guidance_sessions: list[SessionRead]
    enrolments: list[EnrolmentRead]
    referrals: list[ReferralRead]
    placement: PlacementRead | None
    job_search_reports: list[ReportRead]
