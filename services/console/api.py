"""The three services' HTTP APIs, called with the signed-in person's own token: the services
decide every permission, the console only shows their answers (and their Chinese refusals)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import httpx

log = logging.getLogger("uis.console.api")

SERVICES = ("registration", "benefits", "employment")


class ServiceError(Exception):
    """A service refused (4xx) or could not answer (5xx, no connection). ``message`` is the
    service's own Chinese text when it gave one."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.field = field

    @property
    def not_found(self) -> bool:
        return self.status == 404

    @property
    def forbidden(self) -> bool:
        return self.status == 403


UNAVAILABLE = "服务暂时不可用，请稍后重试"


def _error_of(response: httpx.Response) -> ServiceError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if isinstance(body, dict) and isinstance(body.get("detail"), dict):
        body = body["detail"]
    if not isinstance(body, dict):
        body = {}
    default = UNAVAILABLE if response.status_code >= 500 else "请求未被受理"
    return ServiceError(
        response.status_code,
        str(body.get("code") or f"http_{response.status_code}"),
        str(body.get("message") or default),
        body.get("field") if isinstance(body.get("field"), str) else None,
    )


@dataclass
class ServiceApi:
    """One person's view of the services for one request."""

    http: httpx.AsyncClient
    urls: dict[str, str]
    token: str

    async def call(
        self, service: str, method: str, path: str, *, params: dict[str, Any] | None = None,
        json: Any = None, content: bytes | None = None, content_type: str | None = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        if content_type:
            headers["Content-Type"] = content_type
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = await self.http.request(
                method, self.urls[service] + path, params=clean or None, json=json, content=content,
                headers=headers,
            )
        except httpx.TransportError as exc:
            # The path has IDs only; no personal data is logged.
            log.warning("service %s unreachable for %s %s: %s", service, method, path, type(exc).__name__)
            raise ServiceError(503, "service_unavailable", UNAVAILABLE) from None
        if response.status_code >= 400:
            error = _error_of(response)
            if response.status_code >= 500:
                log.warning("service %s answered %s for %s %s", service, response.status_code, method, path)
            raise error
        return response

    async def get(self, service: str, path: str, **params: Any) -> Any:
        return (await self.call(service, "GET", path, params=params)).json()

    async def post(self, service: str, path: str, body: Any) -> Any:
        return (await self.call(service, "POST", path, json=body)).json()

    async def get_or_none(self, service: str, path: str, **params: Any) -> Any:
        """The answer, or None when the service has nothing there (404)."""
        try:
            return await self.get(service, path, **params)
        except ServiceError as exc:
            if exc.not_found:
                return None
            raise


async def attempt(call: Awaitable[Any]) -> tuple[Any, str | None]:
    """The answer, or the service's Chinese message when it refused or could not answer: one
    section of a page shows the message, the others still show."""
    try:
        return await call, None
    except ServiceError as exc:
        return None, exc.message
