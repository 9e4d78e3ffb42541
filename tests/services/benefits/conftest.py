from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from services.benefits.audit.registration_client import RegistrationClient, registration_client
from services.benefits.main import create_app
from services.benefits.settings import BenefitsSettings
from tests.apps import api_client, rolled_back_connection
from tests.clock import TestClock
from tests.conftest import database_url


@pytest.fixture
async def conn(migrated: None) -> AsyncIterator[asyncpg.Connection]:
    async with rolled_back_connection(database_url("benefits")) as c:
        yield c


@pytest.fixture
async def client(conn: asyncpg.Connection, clock: TestClock) -> AsyncIterator[httpx.AsyncClient]:
    settings = BenefitsSettings(outbox_relay=False)
    async with api_client(lambda: create_app(settings, clock=clock), conn) as c:
        yield c


@pytest.fixture
def insurance_histories() -> dict[str, dict]:
    """What the stubbed registration service answers, by person ID (unknown persons → 404)."""
    return {}


@pytest.fixture
async def audit_client(
    conn: asyncpg.Connection, insurance_histories: dict[str, dict], clock: TestClock
) -> AsyncIterator[httpx.AsyncClient]:
    """The benefits API with the registration service replaced by a stub over HTTP transport."""

    def registration(request: httpx.Request) -> httpx.Response:
        _, _, person_id, resource = request.url.path.split("/")
        if person_id not in insurance_histories:
            return httpx.Response(404, json={"code": "person_not_found", "message": "", "field": "person_id"})
        if resource == "employments":
            return httpx.Response(200, json=insurance_histories[person_id].get("employments", []))
        history = {k: v for k, v in insurance_histories[person_id].items() if k != "employments"}
        return httpx.Response(200, json=history)

    async def stub() -> AsyncIterator[RegistrationClient]:
        transport = httpx.MockTransport(registration)
        async with httpx.AsyncClient(transport=transport, base_url="http://registration") as http:
            yield RegistrationClient(http, "test-token")

    def factory() -> FastAPI:
        app = create_app(BenefitsSettings(outbox_relay=False), clock=clock)
        app.dependency_overrides[registration_client] = stub
        return app

    async with api_client(factory, conn) as c:
        yield c
