"""Hardened defaults every service shares (issue 9): a request-size limit, a rate limit on
writes per principal, security headers, and the 401 challenge.

Pure ASGI middleware. The size and rate limits sit inside the application (traced, behind the
error handlers); the headers wrap the whole stack, so that even a 500 from the last-resort
handler carries them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import Role, TokenError, decode_token
from shared.clock import utc_now
from shared.errors import DomainError
from shared.settings import ServiceSettings

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# The API answers JSON (and CSV files): nothing to run, embed or frame.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Swagger UI / ReDoc (when enabled) load FastAPI's scripts and styles from jsDelivr and run one
# inline script; still never framed.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "font-src https://fonts.gstatic.com; connect-src 'self'; worker-src blob:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


class RequestTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413)
        self.limit = limit


def _too_large(limit: int) -> JSONResponse:
    error = DomainError("request_too_large", f"请求内容过大: 不能超过 {limit} 字节", status_code=413)
    return JSONResponse(status_code=413, content=error.body())


async def _too_large_handler(_: Request, exc: Exception) -> JSONResponse:
    return _too_large(getattr(exc, "limit", 0))


class BodySizeLimit:
    """413 for a body over the limit: at once when Content-Length declares it (nothing read),
    else as soon as the streamed bytes pass it (at most one chunk beyond)."""

    def __init__(self, app: ASGIApp, *, default: int, larger: Iterable[tuple[str, int]] = ()) -> None:
        self.app = app
        self.default = default
        self.larger = [(compile_path(path)[0], limit) for path, limit in larger]

    def limit_for(self, path: str) -> int:
        return next((limit for regex, limit in self.larger if regex.match(path)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI passes an HTTPException on to the app's handler for 413.
                    raise RequestTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except RequestTooLarge:
            if started:
                raise
            await _too_large(limit)(scope, receive, send)


class WriteRateLimit:
    """429 with Retry-After for writes beyond the allowance of their principal: the token's
    role and subject when the token is valid, else the client address (a forged token buys no
    fresh allowance). The worker's ``system`` role is exempt unless given its own limits."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limits: Sequence[RateLimitItem],
        system_limits: Sequence[RateLimitItem] | None,
        storage_uri: str,
    ) -> None:
        self.app = app
        self.limits = list(limits)
        self.system_limits = None if system_limits is None else list(system_limits)
        uri = storage_uri if storage_uri.startswith("async+") else "async+" + storage_uri
        self.limiter = MovingWindowRateLimiter(storage_from_string(uri))

    def _principal_key(self, scope: Scope) -> tuple[str, list[RateLimitItem] | None]:
        authorization = Headers(scope=scope).get("authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and credentials:
            try:
                principal = decode_token(credentials, scope["app"].state.token_keys)
            except TokenError:
                pass
            else:
                if principal.role is Role.SYSTEM:
                    return f"system:{principal.subject}", self.system_limits
                return f"{principal.role.value}:{principal.subject}", self.limits
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}", self.limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        key, items = self._principal_key(scope)
        for item in items or ():
            if not await self.limiter.hit(item, "writes", key):
                stats = await self.limiter.get_window_stats(item, "writes", key)
                retry_after = max(1, math.ceil(stats.reset_time - utc_now().timestamp()))
                error = DomainError("rate_limited", f"操作过于频繁, 请 {retry_after} 秒后再试", status_code=429)
                response = JSONResponse(
                    status_code=429, content=error.body(), headers={"Retry-After": str(retry_after)}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """On every response: nosniff, no framing, no referrer, a strict CSP (the documentation pages
    their own), ``Cache-Control: no-store`` (answers carry personal data; nothing is cacheable),
    HSTS when configured, and ``WWW-Authenticate: Bearer`` on 401."""

    def __init__(self, app: ASGIApp, *, docs_paths: Iterable[str], hsts_max_age: int) -> None:
        self.app = app
        self.docs_paths = frozenset(docs_paths)
        self.hsts = f"max-age={hsts_max_age}; includeSubDomains" if hsts_max_age > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in self.docs_paths else API_CSP
        had_token = "authorization" in Headers(scope=scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("Content-Security-Policy", csp)
                headers.setdefault("Cache-Control", "no-store")
                if self.hsts:
                    headers.setdefault("Strict-Transport-Security", self.hsts)
                if message["status"] == 401:
                    # RFC 6750: which scheme; and that the token given was not good.
                    headers.setdefault("WWW-Authenticate", 'Bearer error="invalid_token"' if had_token else "Bearer")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def docs_paths(app: FastAPI) -> list[str]:
    if not app.openapi_url:
        return []
    paths = [app.docs_url, app.redoc_url, app.docs_url and app.swagger_ui_oauth2_redirect_url]
    return [p for p in paths if p]


def install(app: FastAPI, settings: ServiceSettings, *, upload_paths: Sequence[str] = ()) -> None:
    """Call last, after the tracing instrumentation (which rebuilds the stack it wraps)."""
    app.add_exception_handler(413, _too_large_handler)
    app.add_middleware(
        BodySizeLimit,
        default=settings.max_body_bytes,
        larger=[(path, settings.max_upload_bytes) for path in upload_paths],
    )
    app.add_middleware(
        WriteRateLimit,
        limits=parse_many(settings.rate_limit),
        system_limits=parse_many(settings.rate_limit_system) if settings.rate_limit_system else None,
        storage_uri=settings.rate_limit_storage,
    )
    build = app.build_middleware_stack
    paths = docs_paths(app)

    def build_with_headers() -> Any:
        return SecurityHeaders(build(), docs_paths=paths, hsts_max_age=settings.hsts_max_age)

    # Outside the last-resort error handler too: a 500 gets the headers like any answer.
    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]


__all__ = ["BodySizeLimit", "RequestTooLarge", "SecurityHeaders", "WriteRateLimit", "install"]
