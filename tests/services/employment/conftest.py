from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import httpx
import pytest

from services.employment.clock import get_now
from services.employment.main import create_app
from services.employment.settings import EmploymentSettings
from tests.apps import api_client, rolled_back_connection
from tests.conftest import database_url


@dataclass
class Clock:
    """The service's ``now`` for a test: None is the real time; set it to cross a month boundary."""

    now: dt.datetime | None = None

    def __call__(self) -> dt.datetime:
        return self.now or dt.datetime.now(dt.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def conn(migrated: None) -> AsyncIterator[asyncpg.Connection]:
    async with rolled_back_connection(database_url("employment")) as c:
        yield c


@pytest.fixture
async def client(conn: asyncpg.Connection, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    settings = EmploymentSettings(outbox_relay=False)

    def app_factory():  # noqa: ANN202 - a FastAPI app
        app = create_app(settings)
        app.dependency_overrides[get_now] = clock
        return app

    async with api_client(app_factory, conn) as c:
        yield c
