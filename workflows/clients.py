"""HTTP clients the activities use to reach the services, authenticated as the worker."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Generator
from dataclasses import dataclass

import httpx

from shared.auth import Role, issue_token
from workflows.service_calls import ServiceClient
from workflows.settings import WorkerSettings


class SystemTokenAuth(httpx.Auth):
    """Mints a short-lived ``system`` token and renews it before it expires."""

    def __init__(self, secret: str, issuer: str, ttl: dt.timedelta = dt.timedelta(minutes=15)):
        self._secret, self._issuer, self._ttl = secret, issuer, ttl
        self._token: str | None = None
        self._renew_at = 0.0

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._token is None or time.monotonic() >= self._renew_at:
            self._token = issue_token(
                secret=self._secret,
                issuer=self._issuer,
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
        auth = SystemTokenAuth(settings.jwt_secret, settings.jwt_issuer)

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
