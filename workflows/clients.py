"""HTTP clients the activities use to reach the services, authenticated as the worker."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Generator
from dataclasses import dataclass

import httpx

from shared.auth import Role, issue_token
from shared.auth.keys import TokenKeys
from workflows.service_calls import ServiceClient
from workflows.settings import WorkerSettings


class SystemTokenAuth(httpx.Auth):
    """Mints a short-lived ``system`` token with the worker's private key and renews it before it
    expires."""

    def __init__(self, keys: TokenKeys, ttl: dt.timedelta = dt.timedelta(minutes=15)):
        if not keys.can_sign:
            # At start-up, not at the first activity.
            raise ValueError(
                "the worker signs its system tokens: set UIS_JWT_PRIVATE_KEY or UIS_JWT_PRIVATE_KEY_FILE"
            )
        self._keys, self._ttl = keys, ttl
        self._token: str | None = None
        self._renew_at = 0.0

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._token is None or time.monotonic() >= self._renew_at:
            self._token = issue_token(
                self._keys,
                subject="claimant-journey-worker",
                role=Role.SYSTEM,
                ttl=self._ttl,
            )
            self._renew_at = time.monotonic() + self._ttl.total_seconds() / 2
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


@dataclass
class ServiceClients:
    registration: httpx.AsyncClient
    benefits: httpx.AsyncClient
    employment: httpx.AsyncClient

    @classmethod
    def from_settings(cls, settings: WorkerSettings) -> ServiceClients:
        auth = SystemTokenAuth(settings.token_keys())

        def client(url: object) -> httpx.AsyncClient:
            return ServiceClient(base_url=str(url).rstrip("/"), auth=auth, timeout=settings.http_timeout_seconds)

        return cls(
            registration=client(settings.registration_url),
            benefits=client(settings.benefits_url),
            employment=client(settings.employment_url),
        )

    async def aclose(self) -> None:
        for c in (self.registration, self.benefits, self.employment):
            await c.aclose()
