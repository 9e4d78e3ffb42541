"""Employment service (就业服务): job seekers, vocational training, vacancies and referrals,
job-search reports, career guidance, placements (re-employment) and statistics.

Run: ``uvicorn --factory services.employment.main:create_app``.
"""

from __future__ import annotations

from fastapi import FastAPI
from temporalio.client import Client

from services.employment.approvals.routes import router as approvals_router
from services.employment.enrolments.routes import router as enrolments_router
from services.employment.guidance.routes import router as guidance_router
from services.employment.job_search_reports.routes import missing_router as missing_reports_router
from services.employment.job_search_reports.routes import router as job_search_reports_router
from services.employment.job_seekers.routes import router as job_seekers_router
from services.employment.placements.routes import router as placements_router
from services.employment.referrals.routes import router as referrals_router
from services.employment.settings import EmploymentSettings
from services.employment.statistics.routes import router as statistics_router
from services.employment.stop_proposals.routes import router as stop_proposals_router
from services.employment.training.routes import router as training_router
from services.employment.vacancies.routes import router as vacancies_router
from shared.app import create_service_app
from shared.clock import Clock


def create_app(
    settings: EmploymentSettings | None = None,
    *,
    clock: Clock | None = None,
    temporal_client: Client | None = None,
) -> FastAPI:
    return create_service_app(
        name="employment",
        title="就业服务 (Employment)",
        description="求职登记、职业培训、职业介绍、求职情况报告、职业指导与再就业登记; 事件送达失业人员一条龙服务流程。",
        clock=clock,
        temporal_client=temporal_client,
        settings=settings or EmploymentSettings(),
        routers=[
            job_seekers_router,
            placements_router,
            training_router,
            enrolments_router,
            vacancies_router,
            referrals_router,
            stop_proposals_router,
            approvals_router,  # R-CTRL-1: a stop proposal's acceptance checked by a second person
            job_search_reports_router,
            missing_reports_router,
            guidance_router,
            statistics_router,
        ],
    )
