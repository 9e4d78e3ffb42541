"""Hardened defaults every service shares (issue 9, item 4): a request-size limit (413), a rate
limit on writes per principal (429), security headers, and the API documentation behind a
setting, off in production."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.settings import EmploymentSettings
from services.registration.main import create_app as registration_app
from services.registration.settings import RegistrationSettings
from shared.auth.keys import generate_key_pair
from tests.apps import api_client
from tests.factories import auth, token

MB = 1024 * 1024


async def employment_client(conn: asyncpg.Connection, **settings: object) -> AsyncIterator[httpx.AsyncClient]:
    app_settings = EmploymentSettings(outbox_relay=False, **settings)
    async with api_client(lambda: employment_app(app_settings), conn) as client:
        yield client


# --- 3. request size -------------------------------------------------------------------------


class CountingBody:
    """A request body produced chunk by chunk, counting how much the server pulled."""

    def __init__(self, total: int, chunk: int = 64 * 1024) -> None:
        self.total, self.chunk, self.sent = total, chunk, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.sent < self.total:
            self.sent += self.chunk
            yield b"x" * self.chunk


async def test_a_body_over_the_limit_gets_a_coded_413_without_being_read(client: httpx.AsyncClient) -> None:
    body = CountingBody(50 * MB)
    response = await client.post(
        "/vacancies", content=body, headers={**auth("service_point"), "Content-Length": str(50 * MB),
                                             "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {
        "code": "request_too_large", "message": response.json()["message"], "field": None,
    }
    assert "1048576" in response.json()["message"]  # says what the limit is
    assert body.sent == 0  # refused on the declared length: nothing was read


async def test_a_streamed_body_is_cut_off_at_the_limit(client: httpx.AsyncClient) -> None:
    body = CountingBody(50 * MB)  # no Content-Length: chunked
    response = await client.post(
        "/vacancies", content=body, headers={**auth("service_point"), "Content-Type": "application/json"},
    )
    assert (response.status_code, response.json()["code"]) == (413, "request_too_large")
    assert body.sent <= 2 * MB  # stopped at the limit, not after 50 MB


async def test_a_body_under_the_limit_goes_through(client: httpx.AsyncClient) -> None:
    response = await client.post("/vacancies", json={"title": "x" * 1000}, headers=auth("service_point"))
    assert response.status_code == 422  # validated, not refused for its size


async def test_the_limit_is_a_setting(conn: asyncpg.Connection) -> None:
    async for client in employment_client(conn, UIS_MAX_BODY_BYTES=100):
        response = await client.post("/vacancies", json={"title": "x" * 200}, headers=auth("service_point"))
        assert (response.status_code, response.json()["code"]) == (413, "request_too_large")


async def test_a_bank_return_file_may_be_bigger(migrated: None) -> None:
    from tests.conftest import database_url
    from tests.apps import rolled_back_connection

    async with rolled_back_connection(database_url("benefits")) as conn:
        settings = BenefitsSettings(outbox_relay=False)
        async with api_client(lambda: benefits_app(settings), conn) as client:
            headers = {**auth("finance"), "Content-Type": "text/csv"}
            three_mb = ("00000000-0000-0000-0000-000000000000,paid,\n" * (3 * MB // 44)).encode()
            big = await client.post("/payroll-runs/999999999/bank-returns", content=three_mb, headers=headers)
            assert big.status_code != 413, big.text
            too_big = await client.post(
                "/payroll-runs/999999999/bank-returns", content=CountingBody(50 * MB), headers=headers
            )
            assert (too_big.status_code, too_big.json()["code"]) == (413, "request_too_large")
            # Only that upload: any other operation keeps the 1 MB limit.
            other = await client.post("/entitlement-previews", content=b"{" + b" " * (2 * MB) + b"}",
                                      headers={**auth("service_point"), "Content-Type": "application/json"})
            assert other.status_code == 413


# --- 4. rate limit on writes ---------------------------------------------------------------


async def test_writes_beyond_the_limit_get_429_with_retry_after(conn: asyncpg.Connection) -> None:
    async for client in employment_client(conn, UIS_RATE_LIMIT="3/minute"):
        headers = auth("service_point")
        codes = [(await client.post("/vacancies", json={}, headers=headers)).status_code for _ in range(3)]
        assert codes == [422, 422, 422]
        refused = await client.post("/vacancies", json={}, headers=headers)
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited" and refused.json()["field"] is None
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        # Reads are not limited; another principal has its own allowance.
        assert (await client.get("/vacancies", headers=headers)).status_code == 200
        other = {"Authorization": f"Bearer {token('service_point', subject='another-desk')}"}
        assert (await client.post("/vacancies", json={}, headers=other)).status_code == 422


async def test_the_systems_worker_is_not_limited(conn: asyncpg.Connection) -> None:
    async for client in employment_client(conn, UIS_RATE_LIMIT="2/minute"):
        codes = {(await client.post("/vacancies", json={}, headers=auth("system"))).status_code for _ in range(5)}
        assert 429 not in codes


async def test_without_a_token_the_client_address_is_limited(conn: asyncpg.Connection) -> None:
    async for client in employment_client(conn, UIS_RATE_LIMIT="2/minute"):
        codes = [(await client.post("/vacancies", json={})).status_code for _ in range(3)]
        assert codes == [401, 401, 429]
        # A forged token does not buy a fresh allowance: it counts as the address.
        forged = {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."}
        assert (await client.post("/vacancies", json={}, headers=forged)).status_code == 429


def test_a_bad_rate_limit_fails_at_start_up() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="UIS_RATE_LIMIT"):
        EmploymentSettings(UIS_RATE_LIMIT="lots")


# --- 5. security headers ---------------------------------------------------------------------


async def test_every_response_carries_the_security_headers(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get("/health"),
        await client.get("/vacancies", headers=auth("service_point")),
        await client.get("/no-such-path"),
        await client.post("/vacancies", json={}, headers=auth("service_point")),
    ):
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "Strict-Transport-Security" not in headers  # not configured for HTTPS
        # Nothing the API answers may be kept by a cache (personal data).
        assert headers["Cache-Control"] == "no-store"


async def test_hsts_only_when_configured(conn: asyncpg.Connection) -> None:
    async for client in employment_client(conn, UIS_HSTS_MAX_AGE=31536000):
        response = await client.get("/health")
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


async def test_401_says_bearer(client: httpx.AsyncClient) -> None:
    missing = await client.get("/vacancies")
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"] == "Bearer"
    bad = await client.get("/vacancies", headers={"Authorization": "Bearer not-a-jwt"})
    assert bad.status_code == 401 and bad.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    # A 403 is not a challenge.
    wrong_role = await client.post("/vacancies", json={}, headers=auth("finance"))
    assert wrong_role.status_code in (403, 422) and "WWW-Authenticate" not in wrong_role.headers


async def test_unexpected_errors_carry_the_headers_too() -> None:
    from fastapi import APIRouter

    from shared.app import create_service_app

    router = APIRouter()

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("boom")

    app = create_service_app(
        name="t", title="t", description="t", settings=EmploymentSettings(outbox_relay=False), routers=[router]
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


# --- 6. /docs and /openapi.json behind a setting ----------------------------------------------


@pytest.fixture
def production_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, public = generate_key_pair()
    (tmp_path / "public.pem").write_bytes(public)
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(tmp_path / "public.pem"))


@pytest.mark.parametrize(
    ("create_app", "settings"),
    [(registration_app, RegistrationSettings), (benefits_app, BenefitsSettings), (employment_app, EmploymentSettings)],
)
async def test_docs_are_off_by_default_in_production(production_keys: None, create_app, settings) -> None:  # noqa: ANN001
    app = create_app(settings(outbox_relay=False))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for path in ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"):
            assert (await client.get(path)).status_code == 404, path


async def test_docs_can_be_turned_on_in_production(production_keys: None) -> None:
    app = employment_app(EmploymentSettings(outbox_relay=False, UIS_API_DOCS=True))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        docs = await client.get("/docs")
        assert docs.status_code == 200 and (await client.get("/openapi.json")).status_code == 200
    # Swagger UI needs its scripts: the documentation page has its own policy, still no framing.
    assert "frame-ancestors 'none'" in docs.headers["Content-Security-Policy"]
    assert "https://cdn.jsdelivr.net" in docs.headers["Content-Security-Policy"]


async def test_docs_can_be_turned_off_in_development() -> None:
    app = employment_app(EmploymentSettings(outbox_relay=False, UIS_API_DOCS=False))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/openapi.json")).status_code == 404
