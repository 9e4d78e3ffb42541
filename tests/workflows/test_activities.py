"""The journey's activities against the real services (in process, real PostgreSQL): the HTTP
contract the workflow relies on, without a worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from shared.settings import CommonSettings
from workflows.activities import JourneyActivities
from workflows.clients import ServiceClients, SystemTokenAuth
from workflows.messages import MissedReportRuleInput


@pytest.fixture
async def activities(migrated: None) -> AsyncIterator[JourneyActivities]:
    app = benefits_app(BenefitsSettings(outbox_relay=False))
    settings = CommonSettings()
    auth = SystemTokenAuth(settings.jwt_secret, settings.jwt_issuer)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        benefits = httpx.AsyncClient(transport=transport, base_url="http://benefits", auth=auth)
        unused = httpx.AsyncClient(base_url="http://127.0.0.1:9")
        yield JourneyActivities(ServiceClients(registration=unused, benefits=benefits, employment=unused))
        for client in (benefits, unused):
            await client.aclose()


async def test_the_missed_report_rule_is_the_policy_row_in_force(activities: JourneyActivities) -> None:
    rule = await activities.missed_report_rule(MissedReportRuleInput("430102", dt.date(2026, 3, 1)))
    # The sample province row (R-MON-1): a suspension becomes a termination after 3 months.
    assert rule.termination_months == 3
