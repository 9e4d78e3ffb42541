"""The whole-journey harness: the three real services in process, each with its real PostgreSQL
database (``$UIS_TEST_DATABASE``_journeys) and its outbox relay; the real activities on a worker of
Temporal's time-skipping test server; and the services' clock following the test server's time.

A 12-month journey then runs through the real code in seconds: ``advance_to`` skips the server to
an instant, its timers fire, the journey's activities call the services over HTTP (in process),
and those services date what they write by the same skipped time (R-TIME-1). Fakes stay in the
unit tests; nothing here is stubbed.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import asyncpg
import httpx
from fastapi import FastAPI, Request
from temporalio.testing import WorkflowEnvironment

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.registrations import RegistrationRecords, registration_records
from services.employment.settings import EmploymentSettings
from services.registration.calendar.working_days import library_knows
from services.registration.main import create_app as registration_app
from services.registration.settings import RegistrationSettings
from shared import local
from shared.clock import china_date
from services.migrate import migrate_service
from tests.factories import auth
from tests.time_skipping import start_time_skipping_server
from workflows.clients import ServiceClients, SystemTokenAuth
from workflows.service_calls import ServiceClient
from workflows.settings import WorkerSettings
from workflows.worker import build_worker

T = TypeVar("T")
SERVICES = ("registration", "benefits", "employment")
DATABASE = f"{local.setting('UIS_TEST_DATABASE')}_journeys"
SETTINGS = {"registration": RegistrationSettings, "benefits": BenefitsSettings, "employment": EmploymentSettings}
FACTORIES = {"registration": registration_app, "benefits": benefits_app, "employment": employment_app}

# Drops everything a service's migrations create in its own schema (run as the schema's owner).
_RESET_SCHEMA = """
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
             WHERE p.pronamespace = current_schema()::regnamespace LOOP
        EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.signature);
    END LOOP;
    FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema() LOOP
        EXECUTE format('DROP SEQUENCE IF EXISTS %I CASCADE', r.sequence_name);
    END LOOP;
END
$$;
"""


class TestServerClock:
    """The services' clock: the time-skipping server's own time."""

    __test__ = False

    def __init__(self, env: WorkflowEnvironment) -> None:
        self._env = env

    async def now(self) -> dt.datetime:
        return await self._env.get_current_time()


async def fresh_databases() -> None:
    """Each service's schema of the harness database, emptied and migrated again."""
    for service in SERVICES:
        url = local.database_url(service, DATABASE)
        conn = await asyncpg.connect(url)
        try:
            await conn.execute(_RESET_SCHEMA)
        finally:
            await conn.close()
        await asyncio.to_thread(migrate_service, service, url)


@dataclass
class Harness:
    env: WorkflowEnvironment
    http: dict[str, httpx.AsyncClient]
    task_queue: str

    @property
    def registration(self) -> httpx.AsyncClient:
        return self.http["registration"]

    @property
    def benefits(self) -> httpx.AsyncClient:
        return self.http["benefits"]

    @property
    def employment(self) -> httpx.AsyncClient:
        return self.http["employment"]

    async def now(self) -> dt.datetime:
        return await self.env.get_current_time()

    async def today(self) -> dt.date:
        return china_date(await self.now())

    async def advance_to(self, instant: dt.datetime) -> None:
        """Skip the server's time to ``instant``; the timers due on the way fire."""
        remaining = instant - await self.now()
        if remaining > dt.timedelta(0):
            await self.env.sleep(remaining)

    async def until(self, probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout: float = 60) -> T:
        """Poll ``probe`` until ``done`` holds (time does not skip while the journey works)."""
        deadline = time.monotonic() + timeout
        while True:
            value = await probe()
            if done(value):
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"not reached within {timeout}s; last value: {value!r}")
            await asyncio.sleep(0.05)

    async def journey(self, registration_id: str) -> dict[str, Any]:
        response = await self.registration.get(
            f"/unemployment-registrations/{registration_id}/journey", headers=auth("case_manager")
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def journey_until(self, registration_id: str, done: Callable[[dict], bool]) -> dict[str, Any]:
        return await self.until(lambda: self.journey(registration_id), done)


def _asgi_client(app: FastAPI, name: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", timeout=30)


def _service_client(app: FastAPI, name: str, auth_flow: httpx.Auth) -> ServiceClient:
    """The worker's client, as in production (short retryable errors), over ASGI."""
    return ServiceClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", auth=auth_flow, timeout=10)


def _in_process_registration(app: FastAPI):  # noqa: ANN202 - a FastAPI dependency
    """The employment service asks the registration service in process, as the caller."""

    async def dependency(request: Request) -> AsyncIterator[RegistrationRecords]:
        async with _asgi_client(app, "registration") as http:
            yield RegistrationRecords(http, request.headers.get("authorization", ""))

    return dependency


async def _know_calendar_years(http: httpx.AsyncClient, today: dt.date) -> None:
    """Employer review deadlines count working days: years the holiday library does not know get
    a Monday–Friday table, entered as operations would. The package's time-skipping clock only
    moves on: appeal windows (a year, R-NOTICE-1) and 12-month journeys add up to several years."""
    for year in range(today.year, today.year + 12):
        if not library_knows(year):
            body = {"source": "harness: Monday–Friday", "days": []}
            response = await http.put(f"/calendar/years/{year}", json=body, headers=auth("operations"))
            assert response.status_code == 200, response.text


@contextlib.asynccontextmanager
async def running_harness() -> AsyncIterator[Harness]:
    await fresh_databases()
    env = await start_time_skipping_server()
    task_queue = f"journeys-{uuid.uuid4()}"
    clock = TestServerClock(env)
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(env.shutdown)
        apps: dict[str, FastAPI] = {}
        for name in SERVICES:
            settings = SETTINGS[name](
                database_url=local.database_url(name, DATABASE),
                outbox_poll_seconds=0.2,
                UIS_TASK_QUEUE=task_queue,
                # The package's journeys make months of one person's writes in seconds of wall
                # time (the per-person write limit is tested in tests/shared/test_hardening.py).
                UIS_RATE_LIMIT="6000/minute",
            )
            apps[name] = FACTORIES[name](settings, clock=clock, temporal_client=env.client)
            await stack.enter_async_context(apps[name].router.lifespan_context(apps[name]))
        worker_settings = WorkerSettings(UIS_TASK_QUEUE=task_queue)
        system = SystemTokenAuth(worker_settings.token_keys())
        clients = ServiceClients(*(_service_client(apps[n], n, system) for n in SERVICES))
        stack.push_async_callback(clients.aclose)
        http = {n: await stack.enter_async_context(_asgi_client(apps[n], n)) for n in SERVICES}
        apps["employment"].dependency_overrides[registration_records] = _in_process_registration(apps["registration"])
        await _know_calendar_years(http["registration"], china_date(await env.get_current_time()))
        await stack.enter_async_context(build_worker(env.client, worker_settings, clients))
        yield Harness(env=env, http=http, task_queue=task_queue)

