"""Test-wide set-up: the test database (``$UIS_TEST_DATABASE``, uis_test), migrations, one tracer
provider.

Needs PostgreSQL (scripts/pg.sh start) and, for workflow and e2e tests, Temporal
(scripts/temporal.sh start); ``make test`` starts both. The tests never touch the run database
or the run namespace: whatever the environment says, the services' URLs are set here to the test
database, and a test database named like the run database stops the session.
"""

from __future__ import annotations

import asyncio
import os

from tests.clock import TestClock, pin_wall_clock_from_environment

PINNED_AT = pin_wall_clock_from_environment()

from shared import local  # noqa: E402

# Workflows of the tests run in a namespace of their own (scripts/temporal.sh creates it), never
# in the one `make run` shows.
os.environ["UIS_TEMPORAL_NAMESPACE"] = "uis-test"
TEST_DATABASE = local.setting("UIS_TEST_DATABASE")
if TEST_DATABASE == local.setting("UIS_DATABASE"):
    raise SystemExit(f"UIS_TEST_DATABASE ({TEST_DATABASE}) must not be the run database UIS_DATABASE")
for _service in local.SERVICES:
    os.environ[f"{_service.upper()}_DATABASE_URL"] = local.database_url(_service, TEST_DATABASE)

import pytest  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402

from services.migrate import SERVICES, migrate_service  # noqa: E402
from shared.telemetry import setup_tracing  # noqa: E402

# Installed before any app is built, so every span of the test process lands here.
SPANS = InMemorySpanExporter()
METRICS = InMemoryMetricReader()
TRACER_PROVIDER = setup_tracing("tests", None, exporter=SPANS, metric_reader=METRICS)


@pytest.fixture
def clock() -> TestClock:
    """The clock the test's apps read (``create_app(clock=...)``)."""
    return TestClock()


def database_url(service: str) -> str:
    return os.environ[f"{service.upper()}_DATABASE_URL"]


@pytest.fixture(scope="session")
async def migrated() -> None:
    for service in SERVICES:
        await asyncio.to_thread(migrate_service, service, database_url(service))


@pytest.fixture(scope="session")
async def calendar_years_known(migrated: None) -> None:
    """Review deadlines counted from today can reach next year. A year the holiday library does
    not know yet gets a plain Monday–Friday table in the test database, entered the way operations
    do it (PUT /calendar/years/{year}); without it the service rightly refuses to count."""
    import httpx

    from shared.clock import china_today

    from services.registration.calendar.working_days import library_knows
    from services.registration.main import create_app
    from services.registration.settings import RegistrationSettings
    from tests.factories import auth

    today = china_today()
    unknown = [year for year in (today.year, today.year + 1) if not library_knows(year)]
    if not unknown:
        return
    app = create_app(RegistrationSettings(outbox_relay=False))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for year in unknown:
                response = await client.put(
                    f"/calendar/years/{year}",
                    json={"source": "test: Monday–Friday", "days": []},
                    headers=auth("operations"),
                )
                assert response.status_code == 200, response.text
