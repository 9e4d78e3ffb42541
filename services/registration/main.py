"""Registration service (登记): people's unemployment registration, and the journey it starts.

Run: ``uvicorn --factory services.registration.main:create_app``.
"""

from __future__ import annotations

from fastapi import FastAPI
from temporalio.client import Client

from services.registration.approvals.routes import router as approvals_router
from services.registration.audit.routes import router as audit_router
from services.registration.calendar.routes import router as calendar_router
from services.registration.contributions.assessment_run.routes import router as assessment_run_router
from services.registration.contributions.notices.routes import router as employer_notices_router
from services.registration.contributions.policies.routes import router as contribution_policies_router
from services.registration.contributions.routes import arrears_router as contribution_arrears_router
from services.registration.contributions.routes import router as contributions_router
from services.registration.employers.changes.routes import router as changes_router
from services.registration.employers.lifecycle.routes import router as lifecycle_router
from services.registration.employers.policies.routes import router as registration_policies_router
from services.registration.employers.routes import router as employers_router
from services.registration.journey.routes import router as journey_router
from services.registration.journey.routes import worklist_router as journey_worklist_router
from services.registration.operations.routes import router as operations_router
from services.registration.persons.routes import router as persons_router
from services.registration.records.routes import hires_router as contribution_hires_router
from services.registration.records.routes import router as records_router
from services.registration.settings import RegistrationSettings
from services.registration.staff.routes import router as staff_router
from services.registration.tax_report.routes import router as tax_report_router
from services.registration.unemployment.routes import router as unemployment_router
from shared.app import create_service_app
from shared.clock import Clock


def create_app(
    settings: RegistrationSettings | None = None,
    *,
    clock: Clock | None = None,
    temporal_client: Client | None = None,
) -> FastAPI:
    return create_service_app(
        name="registration",
        title="失业保险登记服务 (Registration)",
        description="失业登记, 以及由此启动的失业人员一条龙服务流程。",
        clock=clock,
        temporal_client=temporal_client,
        settings=settings or RegistrationSettings(),
        routers=[
            unemployment_router,
            journey_router,
            journey_worklist_router,
            employers_router,
            changes_router,
            lifecycle_router,
            registration_policies_router,
            staff_router,
            calendar_router,
            audit_router,
            tax_report_router,
            contributions_router,
            contribution_policies_router,
            contribution_arrears_router,
            assessment_run_router,
            records_router,
            contribution_hires_router,
            persons_router,
            operations_router,
            approvals_router,
            employer_notices_router,
        ],
    )
