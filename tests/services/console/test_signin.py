"""Signing in and out of the console: the development page only outside production; OpenID
Connect (PKCE, state, nonce, the provider's signed ID token); HttpOnly SameSite session cookie;
CSRF on every form; the person's own service token."""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from joserfc import jwt
from joserfc.jwk import ECKey

from services.console.main import create_app
from services.console.sessions import SESSION_COOKIE
from services.console.settings import ConsoleSettings
from services.console.signin.oidc import OidcProvider
from shared.auth.principal import Role
from shared.auth.tokens import decode_token
from shared.clock import utc_now

ISSUER = "https://idp.example.gov.cn/realms/uis"


async def console_client(settings: ConsoleSettings | None = None) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings or ConsoleSettings())
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://console.test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async for c in console_client():
        yield c


async def dev_sign_in(client: httpx.AsyncClient, **form: str) -> httpx.Response:
    return await client.post("/signin/dev", data={"role": "case_manager", "name": "王经办", "district": ""} | form)


def csrf_of(client: httpx.AsyncClient) -> str:
    session = client.app.state.sessions.get(client.cookies.get(SESSION_COOKIE))  # type: ignore[attr-defined]
    return session.csrf_token


async def test_pages_need_a_session_and_come_back_after_sign_in(client: httpx.AsyncClient) -> None:
    answer = await client.get("/persons")
    assert (answer.status_code, answer.headers["location"]) == (303, "/signin?next=/persons")
    signed_in = await dev_sign_in(client, next="/persons")
    assert (signed_in.status_code, signed_in.headers["location"]) == (303, "/persons")
    cookie = signed_in.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie


async def test_the_next_page_is_never_another_site(client: httpx.AsyncClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        answer = await dev_sign_in(client, next=target)
        assert answer.headers["location"] == "/"


async def test_the_service_token_is_the_persons_own(client: httpx.AsyncClient) -> None:
    await dev_sign_in(client, role="service_point", name="李窗口", district="430103")
    session = client.app.state.sessions.get(client.cookies.get(SESSION_COOKIE))  # type: ignore[attr-defined]
    principal = decode_token(session.service_token, client.app.state.token_keys)  # type: ignore[attr-defined]
    assert (principal.role, principal.district) == (Role.SERVICE_POINT, "430103")
    assert principal.subject == "dev:service_point:李窗口"


async def test_a_service_point_must_pick_its_district(client: httpx.AsyncClient) -> None:
    answer = await dev_sign_in(client, role="service_point", name="李窗口")
    assert answer.status_code == 422
    assert "服务窗口须选择所属区县" in answer.text
    assert SESSION_COOKIE not in answer.headers.get("set-cookie", "")


async def test_every_form_needs_the_csrf_token(client: httpx.AsyncClient) -> None:
    await dev_sign_in(client)
    refused = await client.post("/signout")
    assert refused.status_code == 403 and "页面已过期" in refused.text
    forged = await client.post("/signout", data={"csrf_token": "not-the-token"})
    assert forged.status_code == 403
    signed_out = await client.post("/signout", data={"csrf_token": csrf_of(client)})
    assert (signed_out.status_code, signed_out.headers["location"]) == (303, "/signin")
    assert (await client.get("/")).status_code == 303  # the session is gone


async def test_htmx_requests_send_the_token_in_a_header(client: httpx.AsyncClient) -> None:
    await dev_sign_in(client)
    answer = await client.post("/signout", headers={"X-CSRF-Token": csrf_of(client), "HX-Request": "true"})
    assert answer.status_code == 303


def production_settings(**overrides: Any) -> ConsoleSettings:
    key = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    values = {"UIS_ENVIRONMENT": "production", "UIS_JWT_PRIVATE_KEY": key, "oidc_issuer": ISSUER,
              "oidc_client_id": "uis-console", "oidc_client_secret": "s3cr3t-from-the-vault",
              "public_url": "https://console.example.gov.cn"}
    return ConsoleSettings(**(values | overrides))


def test_production_refuses_to_start_without_the_identity_provider() -> None:
    with pytest.raises(ValueError, match="CONSOLE_OIDC_ISSUER"):
        production_settings(oidc_issuer=None)


async def test_no_development_sign_in_in_production() -> None:
    async for client in console_client(production_settings()):
        assert (await dev_sign_in(client)).status_code == 404
        page = await client.get("/signin")
        assert "开发环境登录" not in page.text and "使用统一身份认证登录" in page.text


class FakeIdentityProvider:
    """Answers as an OpenID Connect provider does: discovery, token endpoint, JWKS."""

    def __init__(self, claims: dict[str, Any]) -> None:
        self.key = ECKey.generate_key("P-256", parameters={"kid": "k1"})
        self.claims = claims
        self.nonce: str | None = None
        self.token_requests: list[dict[str, list[str]]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/.well-known/openid-configuration"):
            return httpx.Response(200, json={
                "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/auth",
                "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/certs",
            })
        if path.endswith("/token"):
            self.token_requests.append(urllib.parse.parse_qs(request.content.decode()))
            now = int(utc_now().timestamp())
            claims = {"iss": ISSUER, "aud": "uis-console", "sub": "staff-0042", "iat": now, "exp": now + 300,
                      "nonce": self.nonce} | self.claims
            id_token = jwt.encode({"alg": "ES256", "kid": "k1"}, claims, self.key)
            return httpx.Response(200, json={"access_token": "at", "token_type": "Bearer", "id_token": id_token})
        if path.endswith("/certs"):
            return httpx.Response(200, json={"keys": [self.key.as_dict(private=False)]})
        return httpx.Response(404)


async def oidc_round_trip(idp: FakeIdentityProvider) -> tuple[httpx.AsyncClient, httpx.Response]:
    settings = production_settings()
    async for client in console_client(settings):
        client.app.state.oidc = OidcProvider(settings, {"transport": httpx.MockTransport(idp.handler)})  # type: ignore[attr-defined]
        start = await client.get("/signin/oidc")
        assert start.status_code == 303
        query = urllib.parse.parse_qs(urllib.parse.urlparse(start.headers["location"]).query)
        assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"] == ["https://console.example.gov.cn/auth/callback"]
        idp.nonce = query["nonce"][0]
        callback = await client.get("/auth/callback", params={"state": query["state"][0], "code": "abc"})
        replay = await client.get("/auth/callback", params={"state": query["state"][0], "code": "abc"})
        assert replay.status_code == 400  # a state is good once
        return client, callback
    raise AssertionError("unreachable")


async def test_oidc_sign_in_maps_the_claims_to_role_and_district() -> None:
    idp = FakeIdentityProvider({"uis_role": "service_point", "uis_district": "430102", "name": "刘窗口"})
    client, callback = await oidc_round_trip(idp)
    assert callback.status_code == 303 and SESSION_COOKIE in callback.headers["set-cookie"]
    assert "Secure" in callback.headers["set-cookie"]  # production cookies travel over HTTPS only
    assert "code_verifier" in idp.token_requests[0]  # PKCE


async def test_oidc_refuses_an_account_without_a_staff_role() -> None:
    idp = FakeIdentityProvider({"uis_role": "system", "name": "批处理"})
    _, callback = await oidc_round_trip(idp)
    assert callback.status_code == 400 and "未分配经办角色" in callback.text


async def test_oidc_refuses_a_token_for_another_nonce() -> None:
    idp = FakeIdentityProvider({"uis_role": "case_manager", "nonce": "someone-elses"})
    _, callback = await oidc_round_trip(idp)
    assert callback.status_code == 400 and "身份令牌校验未通过" in callback.text


def test_the_client_secret_can_come_from_a_mounted_file(tmp_path) -> None:  # noqa: ANN001
    secret_file = tmp_path / "oidc-client-secret"
    secret_file.write_text("from-the-secret-store\n", encoding="utf-8")
    settings = production_settings(oidc_client_secret=None, oidc_client_secret_file=secret_file)
    assert settings.oidc_client_secret is not None
    assert settings.oidc_client_secret.get_secret_value() == "from-the-secret-store"
    with pytest.raises(ValueError, match="not both"):
        production_settings(oidc_client_secret_file=secret_file)


async def test_pages_carry_a_strict_csp_and_are_never_cached(client: httpx.AsyncClient) -> None:
    page = await client.get("/signin")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert (page.headers["cache-control"], page.headers["x-frame-options"]) == ("no-store", "DENY")
    style = await client.get("/static/console/console.css")
    assert style.status_code == 200 and "no-store" not in style.headers.get("cache-control", "")


async def test_unknown_pages_and_incomplete_forms_answer_in_chinese(client: httpx.AsyncClient) -> None:
    missing = await client.get("/no-such-page")
    assert missing.status_code == 404 and "没有这个页面" in missing.text
    incomplete = await client.post("/signin/dev", data={"role": "case_manager"})
    assert incomplete.status_code == 422 and "请检查填写的内容" in incomplete.text and "name" in incomplete.text


async def test_an_unexpected_error_is_a_chinese_page_not_a_bare_500() -> None:
    # A service answering what no service answers (not JSON) makes the page fail unexpectedly.
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(lambda _: httpx.Response(200, text="<html>")))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://console.test") as client:
            await dev_sign_in(client)
            page = await client.get("/journeys/00000000-0000-0000-0000-000000000001")
    assert page.status_code == 500 and "系统内部错误" in page.text
    assert page.headers["cache-control"] == "no-store"
