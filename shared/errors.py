"""One error type for the whole system, rendered by one handler as ``{code, message, field}``.

``code`` is stable and machine-readable (English, snake_case); ``message`` is for people and is in
Simplified Chinese; ``field`` names the offending input (dotted path) when there is one.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


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

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error: %s", type(exc).__name__)
        return JSONResponse(
            status_code=500,
            content={"code": "internal_error", "message": "系统内部错误, 请稍后重试", "field": None},
        )
