"""OpenID Connect sign-in against the agency's identity provider (Authlib): authorization code
with PKCE, state and nonce; the ID token is checked against the provider's keys, and its claims
give the person's role and district."""

from __future__ import annotations

import secrets
from typing import Any

import warnings

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

import authlib.deprecate  # noqa: F401 - sets its own warning filter on import, before ours

with warnings.catch_warnings():
    # Authlib 1.9 announces a move of its httpx integration; the client is the same.
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import AsyncOAuth2Client

from services.console.sessions import PENDING_SIGN_IN, PendingSignIn, StaffMember
from services.console.settings import ConsoleSettings
from shared.auth.principal import Role
from shared.clock import utc_now
from shared.ids import DISTRICT_RE

STAFF_ROLES = {Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR}


class SignInRefused(Exception):
    """The provider's answer does not let this person in (shown in Chinese on the sign-in page)."""


class OidcProvider:
    def __init__(self, settings: ConsoleSettings, http_client_args: dict[str, Any] | None = None) -> None:
        self.settings = settings
        self.redirect_uri = settings.public_url.rstrip("/") + "/auth/callback"
        self._client_args = http_client_args or {}
        self._metadata: dict[str, Any] | None = None

    def _client(self) -> AsyncOAuth2Client:
        secret = self.settings.oidc_client_secret
        return AsyncOAuth2Client(
            client_id=self.settings.oidc_client_id,
            client_secret=secret.get_secret_value() if secret else None,
            redirect_uri=self.redirect_uri, scope="openid profile", code_challenge_method="S256",
            **self._client_args,
        )

    async def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            issuer = (self.settings.oidc_issuer or "").rstrip("/")
            async with self._client() as client:
                response = await client.request("GET", f"{issuer}/.well-known/openid-configuration", withhold_token=True)
                response.raise_for_status()
                self._metadata = response.json()
        return self._metadata

    async def begin(self) -> tuple[str, PendingSignIn]:
        metadata = await self.metadata()
        pending = PendingSignIn(
            state=secrets.token_urlsafe(24), nonce=secrets.token_urlsafe(24),
            code_verifier=secrets.token_urlsafe(48), expires_at=utc_now() + PENDING_SIGN_IN,
        )
        async with self._client() as client:
            url, _ = client.create_authorization_url(
                metadata["authorization_endpoint"], state=pending.state, nonce=pending.nonce,
                code_verifier=pending.code_verifier,
            )
        return url, pending

    async def finish(self, code: str, pending: PendingSignIn) -> StaffMember:
        metadata = await self.metadata()
        async with self._client() as client:
            token = await client.fetch_token(
                metadata["token_endpoint"], code=code, code_verifier=pending.code_verifier,
            )
            keys = (await client.request("GET", metadata["jwks_uri"], withhold_token=True)).json()
        claims = self._verified_claims(token.get("id_token"), keys, pending.nonce)
        return self.staff_of(claims)

    def _verified_claims(self, id_token: str | None, keys: dict[str, Any], nonce: str) -> dict[str, Any]:
        if not id_token:
            raise SignInRefused("身份认证服务未返回身份令牌")
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(utc_now().timestamp()), leeway=60,
            iss={"essential": True, "value": (self.settings.oidc_issuer or "").rstrip("/")},
            aud={"essential": True, "value": self.settings.oidc_client_id},
            exp={"essential": True}, sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            token = jwt.decode(id_token, KeySet.import_key_set(keys))
            registry.validate(token.claims)
        except (JoseError, ValueError):
            raise SignInRefused("身份令牌校验未通过，请重新登录") from None
        return dict(token.claims)

    def staff_of(self, claims: dict[str, Any]) -> StaffMember:
        """The claims → the project's role and district (claim names in the settings)."""
        settings = self.settings
        try:
            role = Role(str(claims.get(settings.oidc_role_claim)))
        except ValueError:
            raise SignInRefused("您的账号未分配经办角色，请联系管理员") from None
        if role not in STAFF_ROLES:
            raise SignInRefused("您的账号未分配经办角色，请联系管理员")
        district = claims.get(settings.oidc_district_claim)
        if role is Role.SERVICE_POINT and not (isinstance(district, str) and DISTRICT_RE.match(district)):
            raise SignInRefused("服务窗口账号缺少所属区县，请联系管理员")
        name = str(claims.get(settings.oidc_name_claim) or claims["sub"])
        return StaffMember(subject=str(claims["sub"]), name=name, role=role,
                           district=district if isinstance(district, str) else None)
