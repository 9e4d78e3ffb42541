"""Schemathesis against the three services' own OpenAPI (issue 9, item 3: a clean answer to every
input): every operation, in process (ASGI), with generated valid and invalid requests. No answer
may be a server error (5xx), and none may break the schema the service publishes.

Bounded and deterministic so it can run in CI on 2 cores: a fixed seed, the examples and coverage
phases (boundary values: huge integers, year 0, NUL…) and a few fuzzed examples per operation, no
shrinking, no example database. Each request is authorised as one role the operation allows (they
take turns); each request runs in a transaction that is rolled back, so nothing is committed to
the test database and no other test's counts change. The registration service's answers to the
other two are stand-ins (as in their API tests).

Run alone: ``.venv/bin/python -m pytest -q -p no:cacheprovider -m fuzz tests/fuzz``.
"""

from __future__ import annotations

import copy
import itertools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import asyncpg
import httpx
import pytest
import schemathesis
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute, iter_route_contexts
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import response_schema_conformance

from services.benefits.audit.registration_client import RegistrationClient, registration_client
from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.registrations import registration_records
from services.employment.settings import EmploymentSettings
from services.registration.main import create_app as registration_app
from services.registration.settings import RegistrationSettings
from shared import db
from shared.auth import Role
from shared.deps import Now
from shared.request_clock import set_on_connection
from tests.factories import token
from tests.services.employment.registrations import fake_registration_records

pytestmark = pytest.mark.fuzz

# CI runs this seed and size; a longer search: UIS_FUZZ_SEED=7 UIS_FUZZ_EXAMPLES=200.
SEED = int(os.environ.get("UIS_FUZZ_SEED", "20260913"))
# Fuzzed examples per operation (the examples and coverage phases add their own, bounded cases).
EXAMPLES = int(os.environ.get("UIS_FUZZ_EXAMPLES", "10"))
CONFIG: dict[str, Any] = {
    "seed": SEED,
    "generation": {
        "max-examples": EXAMPLES,
        "deterministic": True,
        "no-shrink": True,
        "database": "none",
        # The token is ours (a valid one per operation); generated ones would all be 401.
        "with-security-parameters": False,
    },
    "phases": {
        "examples": {"enabled": True},
        # Boundary and invalid values of every parameter (huge integers, year 0, NUL, wrong types);
        # no probes of undeclared methods (Starlette answers 405) or duplicated query parameters.
        "coverage": {"enabled": True, "unexpected-methods": [], "generate-duplicate-query-parameters": False},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
}
CHECKS = [not_a_server_error, response_schema_conformance]
DISTRICT = "430102"


# --- the apps: real routes and database, every request rolled back ---------------------------


async def rolled_back(request: Request, now: Now) -> AsyncIterator[asyncpg.Connection]:
    """Replaces ``shared.db.get_conn``: the request's connection inside a transaction that is
    always rolled back (the services' own transactions become savepoints in it)."""
    async with request.app.state.pool.acquire() as conn:
        transaction = conn.transaction()
        await transaction.start()
        try:
            await set_on_connection(conn, now)
            yield conn
        finally:
            await transaction.rollback()


def _nobody_at_registration(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, json={"code": "person_not_found", "message": "", "field": "person_id"})


async def stub_registration_client() -> AsyncIterator[RegistrationClient]:
    async with httpx.AsyncClient(transport=httpx.MockTransport(_nobody_at_registration), base_url="http://r") as http:
        yield RegistrationClient(http, "fuzz")


# The write rate limit (429) would answer most generated writes before the service sees them.
SETTINGS: dict[str, Any] = {"outbox_relay": False, "UIS_RATE_LIMIT": "1000000/minute"}


def registration() -> FastAPI:
    return registration_app(RegistrationSettings(**SETTINGS))


def benefits() -> FastAPI:
    app = benefits_app(BenefitsSettings(**SETTINGS))
    app.dependency_overrides[registration_client] = stub_registration_client
    return app


def employment() -> FastAPI:
    app = employment_app(EmploymentSettings(**SETTINGS))
    app.dependency_overrides[registration_records] = fake_registration_records
    return app


# --- a valid token for a role each operation allows ------------------------------------------


def allowed_roles(dependant: Any) -> list[Role]:
    """The roles of the operation's ``require_roles(...)`` (found in the dependency's closure);
    none for an open operation (health)."""
    pending, found = [dependant], []
    while pending:
        current = pending.pop()
        for cell in getattr(current.call, "__closure__", None) or ():
            contents = cell.cell_contents
            if isinstance(contents, (set, frozenset)) and contents and all(isinstance(r, Role) for r in contents):
                found.extend(sorted(contents, key=lambda r: r.value))
        pending.extend(current.dependencies)
    return sorted(set(found), key=lambda r: r.value)


def token_rotation(app: FastAPI) -> Callable[[str, str], dict[str, str]]:
    """(method, path template) → the Authorization header of the next allowed role, in turn."""
    turns: dict[tuple[str, str], Iterator[Role]] = {}
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            roles = allowed_roles(context.dependant)
            for method in context.methods or ():
                if roles:
                    turns[(method, context.path)] = itertools.cycle(roles)

    def headers(method: str, path: str) -> dict[str, str]:
        roles = turns.get((method.upper(), path))
        if roles is None:
            return {}
        role = next(roles)
        return {"Authorization": f"Bearer {token(role, DISTRICT if role is Role.SERVICE_POINT else None)}"}

    return headers


def fuzzable(app: FastAPI) -> tuple[schemathesis.BaseSchema, Callable[[str, str], dict[str, str]]]:
    """The app's own OpenAPI as schemathesis sees it, calling the app in process. Building it
    touches nothing: the app's lifespan (its database pool) starts with the first request."""
    app.dependency_overrides[db.get_conn] = rolled_back
    schema = schemathesis.openapi.from_dict(copy.deepcopy(app.openapi()), config=schemathesis.Config.from_dict(CONFIG))
    schema.app = app
    schema.location = "/openapi.json"
    return schema, token_rotation(app)


REGISTRATION, REGISTRATION_TOKENS = fuzzable(registration())
BENEFITS, BENEFITS_TOKENS = fuzzable(benefits())
EMPLOYMENT, EMPLOYMENT_TOKENS = fuzzable(employment())


@pytest.fixture(scope="module", autouse=True)
def _apps_stop_after_the_module(migrated: None) -> Iterator[None]:
    yield
    asgi.shutdown_lifespans()  # each app's pool closes with its lifespan


def call(case: schemathesis.Case, headers: Callable[[str, str], dict[str, str]]) -> None:
    case.call_and_validate(headers=headers(case.method, case.path), checks=CHECKS)


@REGISTRATION.parametrize()
def test_registration_answers_every_input_cleanly(case: schemathesis.Case) -> None:
    call(case, REGISTRATION_TOKENS)


@BENEFITS.parametrize()
def test_benefits_answers_every_input_cleanly(case: schemathesis.Case) -> None:
    call(case, BENEFITS_TOKENS)


@EMPLOYMENT.parametrize()
def test_employment_answers_every_input_cleanly(case: schemathesis.Case) -> None:
    call(case, EMPLOYMENT_TOKENS)
