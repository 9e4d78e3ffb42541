from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from services.employment.main import create_app
from services.employment.registrations import registration_records
from services.employment.settings import EmploymentSettings
from tests.apps import api_client, rolled_back_connection
from tests.clock import TestClock
from tests.conftest import database_url
from tests.services.employment.registrations import fake_registration_records


@pytest.fixture
async def conn(migrated: None) -> AsyncIterator[asyncpg.Connection]:
    async with rolled_back_connection(database_url("employment")) as c:
        yield c


@pytest.fixture
async def client(conn: asyncpg.Connection, clock: TestClock) -> AsyncIterator[httpx.AsyncClient]:
    settings = EmploymentSettings(outbox_relay=False)
    def app():  # noqa: ANN202 - a FastAPI app
        created = create_app(settings, clock=clock)
        created.dependency_overrides[registration_records] = fake_registration_records
        return created

    async with api_client(app, conn) as c:
        yield c
