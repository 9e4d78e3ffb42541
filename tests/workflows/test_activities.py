"""The journey's activities against the real services (in process, real PostgreSQL): the HTTP
contract the workflow relies on, without a worker."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.settings import EmploymentSettings
from shared.settings import CommonSettings
from services.employment.registrations import registration_records
from tests.services.employment.registrations import fake_registration_records, known_registration
from workflows.activities import JourneyActivities
from workflows.clients import ServiceClients, SystemTokenAuth
from workflows.messages import MissedReportRuleInput, RecordBenefitEndInput


@pytest.fixture
async def activities(migrated: None) -> AsyncIterator[JourneyActivities]:
    benefits, employment = benefits_app(BenefitsSettings(outbox_relay=False)), employment_app(
        EmploymentSettings(outbox_relay=False)
    )
    employment.dependency_overrides[registration_records] = fake_registration_records
    settings = CommonSettings()
    auth = SystemTokenAuth(settings.token_keys())

    def client(app, name: str) -> httpx.AsyncClient:  # noqa: ANN001
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", auth=auth)

    async with benefits.router.lifespan_context(benefits), employment.router.lifespan_context(employment):
        clients = ServiceClients(
            registration=httpx.AsyncClient(base_url="http://127.0.0.1:9"),
            benefits=client(benefits, "benefits"),
            employment=client(employment, "employment"),
        )
        yield JourneyActivities(clients)
        await clients.aclose()


async def test_the_missed_report_rule_is_the_policy_row_in_force(activities: JourneyActivities) -> None:
    rule = await activities.missed_report_rule(MissedReportRuleInput("430102", dt.date(2026, 3, 1)))
    # The sample province row (R-MON-1): a suspension becomes a termination after 3 months.
    assert rule.termination_months == 3


async def test_the_end_of_benefit_reaches_the_job_seeker_once(activities: JourneyActivities) -> None:
    employment = activities._clients.employment
    registration_id, person_id = str(uuid.uuid4()), str(uuid.uuid4())
    known_registration(registration_id, person_id, "430102")
    registered = await employment.post(
        "/job-seekers", json={"registration_id": registration_id, "person_id": person_id, "district": "430102"}
    )
    assert registered.status_code == 201, registered.text
    seeker_id = registered.json()["id"]

    end = RecordBenefitEndInput(seeker_id, dt.date(2026, 3, 9), "entitlement_exhausted")
    await activities.record_benefit_end(end)
    await activities.record_benefit_end(end)  # a retried activity changes nothing

    seeker = (await employment.get(f"/job-seekers/{seeker_id}")).json()
    assert (seeker["benefit_ended_on"], seeker["benefit_end_reason"]) == ("2026-03-09", "entitlement_exhausted")
