"""经办工作台: the staff web console. Server-rendered (Jinja2, htmx for partial updates), it
holds no domain data: every page is the services' answers to the signed-in person's token."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.console import labels
from services.console.api import ServiceError
from services.console.deps import CsrfRejected, NotPermitted, SignInRequired, is_htmx, render
from services.console.format import FILTERS
from services.console.settings import ConsoleSettings
from services.console.sessions import SessionStore
from shared.app import configure_logging
from shared.clock import Clock, SystemClock
from shared.errors import UnexpectedErrors, log_unexpected

HERE = Path(__file__).resolve().parent
# The pinned front-end files the pages load, by the name they are served under.
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "echarts.min.js": "echarts/dist/echarts.min.js",
    "axe.min.js": "axe-core/axe.min.js",
}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters.update(FILTERS)
    templates.env.globals["labels"] = labels
    templates.env.globals["label"] = labels.label
    return templates


def _routers() -> list:
    from services.console.appeals.routes import router as appeals
    from services.console.approvals.routes import router as approvals
    from services.console.decisions.routes import router as decisions
    from services.console.finance.routes import router as finance
    from services.console.holds.routes import router as holds
    from services.console.home.routes import router as home
    from services.console.journey.routes import router as journey
    from services.console.operations.routes import router as operations
    from services.console.persons.routes import router as persons
    from services.console.signin.routes import router as signin
    from services.console.statistics.routes import router as statistics
    from services.console.subsidies.routes import router as subsidies

    return [signin, home, persons, journey, decisions, holds, appeals, approvals, operations, finance, statistics,
            subsidies]


def create_app(
    settings: ConsoleSettings | None = None,
    *,
    clock: Clock | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """``clock`` and ``transport`` are injected by tests (a pinned clock; the services in process)."""
    settings = settings or ConsoleSettings()
    configure_logging(settings.log_level)
    # One line per service call would drown the console's own log (the services log their side).
    logging.getLogger("httpx").setLevel(logging.WARNING)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(
            transport=transport, timeout=settings.service_timeout_seconds,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        ) as http:
            app.state.http = http
            yield

    app = FastAPI(title="经办工作台", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.clock = clock or SystemClock()
    app.state.sessions = SessionStore()
    app.state.templates = _templates()
    app.state.token_keys = settings.token_keys()
    app.state.service_urls = {
        "registration": settings.registration_url.rstrip("/"),
        "benefits": settings.benefits_url.rstrip("/"),
        "employment": settings.employment_url.rstrip("/"),
    }
    app.mount("/static/console", StaticFiles(directory=HERE / "static"), name="static")
    _add_plain_routes(app, settings)
    _add_error_pages(app)
    for router in _routers():
        app.include_router(router)
    _add_security_headers(app)
    return app


def _add_plain_routes(app: FastAPI, settings: ConsoleSettings) -> None:
    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/static/vendor/{name}", include_in_schema=False)
    async def vendor(name: str) -> Response:
        relative = VENDOR_FILES.get(name)
        path = settings.assets_dir / relative if relative else None
        if path is None or not path.is_file():
            return Response("未安装前端依赖：请运行 scripts/setup.sh", status_code=404, media_type="text/plain; charset=utf-8")
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _: Exception) -> Response:
        target = "/signin?next=" + quote(request.url.path, safe="/")
        if is_htmx(request):
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(NotPermitted)
    async def not_permitted(request: Request, _: Exception) -> HTMLResponse:
        session = request.app.state.sessions.get(request.cookies.get("uis_console_session"))
        return render(request, "error.html", {"title": "无权访问", "message": "当前角色无权访问此页面。"},
                      session=session, status_code=403)

    @app.exception_handler(CsrfRejected)
    async def csrf(request: Request, _: Exception) -> HTMLResponse:
        return render(request, "error.html", {"title": "请求无效", "message": "页面已过期，请刷新后重试。"},
                      status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        title, message = (("未找到", "没有这个页面。") if exc.status_code == 404
                          else ("请求未被受理", "请求方式不正确，请返回后重试。"))
        return render(request, "error.html", {"title": title, "message": message}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_form(request: Request, exc: RequestValidationError) -> HTMLResponse:
        fields = "、".join(str(e["loc"][-1]) for e in exc.errors() if e.get("loc"))
        return render(request, "error.html", {"title": "填写不完整", "message": f"请检查填写的内容（{fields}）后重试。"},
                      status_code=422)

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> HTMLResponse:
        session = request.app.state.sessions.get(request.cookies.get("uis_console_session"))
        template = "partials/refusal.html" if is_htmx(request) else "error.html"
        title = "未找到" if exc.not_found else "操作未被受理"
        # htmx swaps only 2xx answers by default: the refusal is shown as the fragment's content.
        status = 200 if is_htmx(request) else exc.status
        return render(request, template, {"title": title, "message": exc.message, "error": exc},
                      session=session, status_code=status)


class SecurityHeaders:
    """A strict CSP (scripts from the console itself only), no framing, no sniffing, and no caching
    of pages (they carry personal data); a plain ASGI middleware, cheap on every request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "same-origin")
                if not static:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error_page(scope: Scope, exc: Exception) -> Response:
    """An exception no handler took: logged once without its message (shared.errors), and a page
    in Chinese rather than a bare 500."""
    log_unexpected(scope, exc)
    return HTMLResponse(UNEXPECTED_PAGE, status_code=500)


UNEXPECTED_PAGE = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>系统错误</title>'
    '<link rel="stylesheet" href="/static/console/console.css"></head><body><main id="main">'
    '<section class="card narrow"><h1>系统错误</h1><p class="alert" role="alert">系统内部错误，请稍后重试。</p>'
    '<p><a href="/">返回工作台</a></p></section></main></body></html>'
)


def _add_security_headers(app: FastAPI) -> None:
    app.add_middleware(UnexpectedErrors, respond=_error_page)
    app.add_middleware(SecurityHeaders)
