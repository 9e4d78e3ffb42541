"""Query hygiene (issue 8): a query parameter an endpoint does not declare gets 422
``unknown_query_parameter`` with its name as ``field``, before anything else runs (token, path
IDs, body, database), on every operation of every service; declared ones (own, from
sub-dependencies, by alias) still work."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, Field

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.settings import EmploymentSettings
from services.registration.main import create_app as registration_app
from services.registration.settings import RegistrationSettings
from shared.app import create_service_app
from tests.apps import api_client, rolled_back_connection
from tests.conftest import database_url
from tests.factories import auth

UNKNOWN = "zz_not_a_parameter"
MADE_UP_ID = "00000000-0000-4000-8000-000000000000"
APPS: dict[str, Callable[[], FastAPI]] = {
    "registration": lambda: registration_app(RegistrationSettings(outbox_relay=False)),
    "benefits": lambda: benefits_app(BenefitsSettings(outbox_relay=False)),
    "employment": lambda: employment_app(EmploymentSettings(outbox_relay=False)),
}


def operations(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path with made-up IDs) for every FastAPI operation the app serves."""
    found = []
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            path = re.sub(r"\{[^}]+\}", MADE_UP_ID, context.path)
            found.extend((method, path) for method in sorted(context.methods))
    return found


def assert_unknown(response: httpx.Response, name: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["field"]) == ("unknown_query_parameter", name), body
    assert re.search(r"[\u4e00-\u9fff]", body["message"]), body["message"]


@pytest.mark.parametrize("service", sorted(APPS))
@pytest.mark.parametrize("headers", [auth("auditor"), {}], ids=["token", "no_token"])
async def test_every_operation_refuses_an_unknown_query_parameter_first(
    migrated: None, service: str, headers: dict[str, str]
) -> None:
    found = operations(APPS[service]())
    assert len(found) > 40
    async with rolled_back_connection(database_url(service)) as conn, api_client(APPS[service], conn) as client:
        for method, path in found:
            response = await client.request(method, path, params={UNKNOWN: "1"}, headers=headers)
            assert_unknown(response, UNKNOWN)


@pytest.fixture
async def registration(migrated: None) -> AsyncIterator[httpx.AsyncClient]:
    async with rolled_back_connection(database_url("registration")) as conn, api_client(
        APPS["registration"], conn
    ) as client:
        yield client


async def test_unemployment_registrations_refuse_person_id(registration: httpx.AsyncClient) -> None:
    """It used to answer with every registration, as if unfiltered."""
    response = await registration.get(
        "/unemployment-registrations", params={"person_id": MADE_UP_ID}, headers=auth("case_manager")
    )
    assert_unknown(response, "person_id")


async def test_an_alias_is_the_name_the_query_uses(registration: httpx.AsyncClient) -> None:
    headers = auth("case_manager")
    assert (await registration.get("/employers", params={"status": "approved"}, headers=headers)).status_code == 200
    response = await registration.get("/employers", params={"status_filter": "approved"}, headers=headers)
    assert_unknown(response, "status_filter")


async def test_the_first_unknown_name_is_reported_and_repeats_are_allowed(
    registration: httpx.AsyncClient,
) -> None:
    headers = auth("case_manager")
    response = await registration.get("/employers?limit=5&limit=6&foo=1&bar=2", headers=headers)
    assert_unknown(response, "foo")


def paging(limit: int = Query(10), cursor: str | None = Query(None, alias="after")) -> dict:
    return {"limit": limit, "after": cursor}


class Period(BaseModel):
    since: str
    until: str | None = Field(None, alias="to")


def _probe_router() -> APIRouter:
    router = APIRouter()

    @router.get("/period")
    async def period(period: Annotated[Period, Query()]) -> dict:
        return {"since": period.since, "to": period.until}

    @router.get("/probe/{item_id}")
    async def probe(item_id: str, page: dict = Depends(paging), verbose: bool = False) -> dict:
        return {"item_id": item_id, "verbose": verbose, **page}

    @router.get("/bare")
    async def bare() -> dict:
        return {"ok": True}

    return router


@pytest.fixture
async def probe() -> AsyncIterator[httpx.AsyncClient]:
    app = create_service_app(
        name="probe", title="probe", description="", routers=[_probe_router()],
        settings=EmploymentSettings(outbox_relay=False),
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_query_parameters_of_sub_dependencies_are_declared(probe: httpx.AsyncClient) -> None:
    ok = await probe.get("/probe/x", params={"limit": "3", "after": "c1", "verbose": "true"})
    assert ok.status_code == 200, ok.text
    assert ok.json() == {"item_id": "x", "verbose": True, "limit": 3, "after": "c1"}
    assert_unknown(await probe.get("/probe/x", params={"cursor": "c1"}), "cursor")
    assert_unknown(await probe.get("/probe/x", params={"item_id": "y"}), "item_id")


async def test_a_query_model_declares_its_fields(probe: httpx.AsyncClient) -> None:
    ok = await probe.get("/period", params={"since": "a", "to": "b"})
    assert ok.json() == {"since": "a", "to": "b"}, ok.text
    assert_unknown(await probe.get("/period", params={"since": "a", "until": "b"}), "until")


async def test_an_operation_without_query_parameters_takes_none(probe: httpx.AsyncClient) -> None:
    assert (await probe.get("/bare")).json() == {"ok": True}
    assert (await probe.get("/health")).status_code == 200
    assert_unknown(await probe.get("/bare", params={"x": ""}), "x")
    assert_unknown(await probe.get("/health?verbose"), "verbose")
