"""One error type for the whole system, rendered by one handler as ``{code, message, field}``.

``code`` is stable and machine-readable (English, snake_case); ``message`` is for people and is in
Simplified Chinese; ``field`` names the offending input (dotted path) when there is one.
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

# How long a client should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 5


class DomainError(Exception):
    status_code = 400

    def __init__(
        self,
        code: str,
        message: str,
        field: str | None = None,
        *,
        status_code: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field
        self.details = details
        if status_code is not None:
            self.status_code = status_code

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(DomainError):
    status_code = 422


class Unauthorized(DomainError):
    status_code = 401

    def __init__(self, code: str = "unauthorized", message: str = "缺少或无效的访问令牌") -> None:
        super().__init__(code, message)


class Forbidden(DomainError):
    status_code = 403

    def __init__(self, code: str = "forbidden", message: str = "当前角色无权执行此操作") -> None:
        super().__init__(code, message)


class NotFound(DomainError):
    status_code = 404

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code, message, field)


class Conflict(DomainError):
    status_code = 409


_PYDANTIC_CODES = {
    "missing": "field_required",
    "extra_forbidden": "unknown_field",
    "json_invalid": "invalid_json",
}


def _field_from_loc(loc: tuple[Any, ...] | list[Any]) -> str | None:
    # FastAPI prefixes the location with where it came from ("body", "query", "path").
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content=exc.body())

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        field = _field_from_loc(first.get("loc", ()))
        # Validators raise ValueError("code: message") so the code survives pydantic's wrapping.
        raw = str(first.get("msg", ""))
        raw = raw.removeprefix("Value error, ")
        code, sep, message = raw.partition(": ")
        if not sep or " " in code:
            error_type = str(first.get("type") or "input")
            code = _PYDANTIC_CODES.get(error_type, "invalid_" + error_type.split(".")[0])
            message = f"输入不符合要求: {raw}"
        return JSONResponse(
            status_code=422, content={"code": code, "message": message, "field": field}
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
        return JSONResponse(
            status_code=exc.status_code,
            content={
                "code": codes.get(exc.status_code, "http_error"),
                "message": str(exc.detail),
                "field": None,
            },
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(asyncpg.CharacterNotInRepertoireError)
    async def _characters(_: Request, exc: Exception) -> JSONResponse:
        # A safety net behind the text types (shared/inputs.py): PostgreSQL refuses NUL in text.
        return JSONResponse(
            status_code=422,
            content={"code": "invalid_characters", "message": "输入含有不允许的字符", "field": None},
        )

    # Outermost error handling of what the routes raise: one answer, one log line, and the
    # connection kept (issue 9). Exceptions of middleware outside it still reach the handler below.
    app.add_middleware(UnexpectedErrors)
    _document_error_body(app)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return unexpected_error_response(request.scope, exc)


ERROR_BODY_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "description": "Every error: a stable English code, a message for people (Simplified Chinese), "
    "the offending input's dotted path when there is one",
    "type": "object",
    "required": ["code", "message", "field"],
    "properties": {
        "code": {"type": "string", "examples": ["invalid_characters"]},
        "message": {"type": "string"},
        "field": {"anyOf": [{"type": "string"}, {"type": "null"}], "examples": ["name"]},
        "details": {"type": "object"},
    },
}


def _document_error_body(app: FastAPI) -> None:
    """The OpenAPI's 422 is the body the handler above renders, not FastAPI's ``detail`` list
    (so schema checks, e.g. the fuzz tests, hold every 422 to ``{code, message, field}``)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            components = schema.get("components", {}).get("schemas", {})
            if "HTTPValidationError" in components:
                components["HTTPValidationError"] = ERROR_BODY_SCHEMA
                components.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def database_unavailable(exc: BaseException) -> bool:
    """PostgreSQL cannot be reached or is not accepting work: the pool cannot connect, the
    connection was lost, or the server is starting, shutting down or out of connections."""
    if isinstance(exc, asyncpg.InterfaceError):
        # asyncpg's own words for a connection or pool that is gone; other interface errors
        # (an operation already in progress…) are programming errors.
        text = str(exc)
        return "connection is closed" in text or "pool is clos" in text
    return isinstance(
        exc,
        (
            OSError,  # refused, reset, unreachable, timed out (TimeoutError is an OSError)
            asyncpg.PostgresConnectionError,  # 08xxx, incl. ConnectionDoesNotExistError
            asyncpg.CannotConnectNowError,  # 57P03 starting up / shutting down
            asyncpg.exceptions.AdminShutdownError,  # 57P01
            asyncpg.exceptions.CrashShutdownError,  # 57P02
            asyncpg.TooManyConnectionsError,  # 53300
        ),
    )


def _route(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "(no route)"


def _where(exc: BaseException) -> str:
    """The innermost frame of the project's own code: file and line, never values."""
    frames = traceback.extract_tb(exc.__traceback__)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    own = [f for f in frames if f.filename.startswith(root) and "site-packages" not in f.filename]
    frame = (own or frames or [None])[-1]
    if frame is None:
        return "unknown"
    return f"{frame.filename.removeprefix(root)}:{frame.lineno} in {frame.name}"


def _types(exc: BaseException) -> str:
    """``DataError <- OverflowError``: the exception and its causes, by type only."""
    names, seen, current = [], set(), exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        names.append(type(current).__name__)
        current = current.__cause__ or current.__context__
    return " <- ".join(names)


def log_unexpected(scope: Scope, exc: Exception) -> bool:
    """Log an exception no handler took, once; True when it is the database being unavailable.

    The log line has the exception's type, the request's method and route, and where in the
    code it was raised: never the exception's message, whose text (a database error's DETAIL:
    "Failing row contains (…)", a validation error's input) can carry personal data (PIPL)."""
    method = scope.get("method", "")
    if database_unavailable(exc):
        log.warning("database unavailable: %s on %s %s", _types(exc), method, _route(scope))
        return True
    log.error("unhandled error: %s on %s %s at %s", _types(exc), method, _route(scope), _where(exc))
    return False


def unexpected_error_response(scope: Scope, exc: Exception) -> Response:
    """503 ``database_unavailable`` (with ``Retry-After``) or 500 ``internal_error``, logged once."""
    if log_unexpected(scope, exc):
        return JSONResponse(
            status_code=503,
            content={"code": "database_unavailable", "message": "数据库暂时不可用, 请稍后重试", "field": None},
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return JSONResponse(
        status_code=500,
        content={"code": "internal_error", "message": "系统内部错误, 请稍后重试", "field": None},
    )


class UnexpectedErrors:
    """ASGI middleware: an exception no handler took becomes a response here, and is not
    re-raised. Re-raised, Starlette's ServerErrorMiddleware would hand it to the server, which
    logs the traceback again and closes the keep-alive connection after the response."""

    def __init__(self, app: ASGIApp, respond: Callable[[Scope, Exception], Response] = unexpected_error_response) -> None:
        self.app = app
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = completed = False

        async def watch(message: Message) -> None:
            nonlocal started, completed
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                completed = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if not started:
                await self.respond(scope, exc)(scope, receive, send)
                return
            # Raised by clean-up after the response went out (e.g. the pool cannot reset a
            # connection the database dropped): the client has its whole answer; keep the
            # connection. Half a response out: nothing clean can follow, the server closes it.
            level = logging.WARNING if database_unavailable(exc) else logging.ERROR
            when = "after the response" if completed else "during the response"
            log.log(level, "error %s: %s on %s %s", when, _types(exc), scope.get("method", ""), _route(scope))
            if not completed:
                raise
