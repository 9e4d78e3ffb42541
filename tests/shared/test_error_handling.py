"""Error handling over a real HTTP connection (issue 9, item 3): an unexpected error is one 500
``internal_error``, logged once with its type, method and route only (never the message of a
database error, whose DETAIL can copy a row of personal data); PostgreSQL unreachable is 503
``database_unavailable`` with ``Retry-After``; and after any of them the keep-alive connection
still serves the next request.

The services run in uvicorn on a free loopback port; PostgreSQL is reached through a TCP proxy
owned by the test, so "PostgreSQL down" is the proxy cutting every connection and refusing new
ones (the real cluster is never touched)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
import uvicorn
from fastapi import APIRouter, FastAPI, Request

from services.employment.main import create_app as employment_app
from services.employment.settings import EmploymentSettings
from shared.app import create_service_app
from tests.conftest import database_url
from tests.factories import token

SECRET_NAME = "欧阳娜娜"
SECRET_ID = "430102199001011238"


# --- a TCP proxy in front of PostgreSQL -------------------------------------------------------


@dataclass
class Proxy:
    target: tuple[str, int]
    port: int = 0
    _server: asyncio.Server | None = None
    _links: set[asyncio.StreamWriter] = field(default_factory=set)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        """PostgreSQL goes away: no new connections, the open ones are dropped."""
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()
        for writer in list(self._links):
            writer.transport.abort()
        self._links.clear()
        await asyncio.sleep(0.05)

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.transport.abort()
            return
        self._links.update((client_w, server_w))

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            writer.transport.abort()

        await asyncio.gather(pipe(client_r, server_w), pipe(server_r, client_w))
        self._links.difference_update((client_w, server_w))


def via(proxy: Proxy, dsn: str) -> str:
    parts = urlsplit(dsn)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{proxy.port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


# --- the app in uvicorn, and one keep-alive connection to it ------------------------------------


@contextlib.asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[int]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_config=None))
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.01)
    try:
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        await task


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class KeepAlive:
    """One TCP connection, HTTP/1.1 requests one after the other on it (no reconnecting)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def get(self, path: str, role: str | None = "case_manager") -> Reply:
        lines = [f"GET {path} HTTP/1.1", "Host: test", "Connection: keep-alive"]
        if role:
            lines.append(f"Authorization: Bearer {token(role)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await self.writer.drain()
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), 10)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        body = await asyncio.wait_for(self.reader.readexactly(int(headers.get("content-length", "0"))), 10)
        return Reply(int(status_line.split()[1]), headers, body)


@contextlib.asynccontextmanager
async def connection(port: int) -> AsyncIterator[KeepAlive]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        yield KeepAlive(reader, writer)
    finally:
        writer.close()


# --- probe routes --------------------------------------------------------------------------------


def _probe_router() -> APIRouter:
    router = APIRouter()

    @router.get("/probe/boom/{item}")
    async def boom(item: str) -> dict:
        raise RuntimeError(f"{SECRET_NAME} {SECRET_ID} {item}")

    @router.get("/probe/not-null")
    async def not_null(request: Request) -> dict:
        # A NOT NULL violation: PostgreSQL's DETAIL copies the failing row ("Failing row contains").
        async with request.app.state.pool.acquire() as conn:
            await conn.execute("CREATE TEMP TABLE IF NOT EXISTS probe_people (name text, id_number text NOT NULL)")
            await conn.execute("INSERT INTO probe_people VALUES ($1, NULL)", SECRET_NAME)
        return {}

    @router.get("/probe/nul")
    async def nul(request: Request) -> dict:
        # Text that reached the database unchecked: PostgreSQL refuses NUL (22021).
        async with request.app.state.pool.acquire() as conn:
            await conn.fetchval("SELECT $1::text", "a\x00b")
        return {}

    @router.get("/probe/ok")
    async def ok() -> dict:
        return {"ok": True}

    return router


def probe_app(dsn: str | None = None) -> FastAPI:
    settings = EmploymentSettings(outbox_relay=False, **({"database_url": dsn} if dsn else {}))
    return create_service_app(name="probe", title="probe", description="", routers=[_probe_router()], settings=settings)


def error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    handler = logging.Formatter()
    return "\n".join(handler.format(r) for r in caplog.records)


# --- tests ---------------------------------------------------------------------------------------


async def test_an_unexpected_error_is_one_500_logged_once_and_the_connection_stays_usable(
    migrated: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with serving(probe_app()) as port, connection(port) as http:
        failed = await http.get("/probe/boom/x", role=None)
        assert failed.status == 500, failed
        assert failed.json() == {"code": "internal_error", "message": "系统内部错误, 请稍后重试", "field": None}
        after = await http.get("/probe/ok", role=None)
        assert (after.status, after.json()) == (200, {"ok": True})
    errors = error_records(caplog)
    assert len(errors) == 1, [r.getMessage() for r in errors]
    text = logged_text(caplog)
    assert "RuntimeError" in text and "GET /probe/boom/{item}" in text
    assert SECRET_NAME not in text and SECRET_ID not in text


async def test_a_database_error_is_logged_without_its_message_or_row_data(
    migrated: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with serving(probe_app()) as port, connection(port) as http:
        failed = await http.get("/probe/not-null", role=None)
        assert (failed.status, failed.json()["code"]) == (500, "internal_error"), failed
        assert (await http.get("/probe/ok", role=None)).status == 200
    errors = error_records(caplog)
    assert len(errors) == 1, [r.getMessage() for r in errors]
    text = logged_text(caplog)
    assert "NotNullViolationError" in text and "GET /probe/not-null" in text
    assert SECRET_NAME not in text and "Failing row" not in text and "probe_people" not in text


async def test_postgresql_down_is_503_database_unavailable_with_retry_after(
    migrated: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Every database request of a real service, through the pool (idle connections dropped,
    new ones refused): 503, and the same HTTP connection goes on serving."""
    caplog.set_level(logging.INFO)
    dsn = database_url("employment")
    parts = urlsplit(dsn)
    proxy = Proxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    await proxy.start()
    settings = EmploymentSettings(outbox_relay=False, database_url=via(proxy, dsn))
    async with serving(employment_app(settings)) as port, connection(port) as http:
        up = await http.get("/job-seekers?limit=1")
        assert up.status == 200, up
        await proxy.cut()
        for path in ("/job-seekers?limit=1", "/vacancies", "/job-seekers?limit=1"):
            down = await http.get(path)
            assert down.status == 503, (path, down)
            assert down.json()["code"] == "database_unavailable"
            assert down.json()["field"] is None and "数据库" in down.json()["message"]
            assert int(down.headers["retry-after"]) > 0
        ready = await http.get("/health/ready", role=None)
        assert ready.status == 503
        assert (await http.get("/health", role=None)).status == 200
    assert not error_records(caplog), [r.getMessage() for r in error_records(caplog)]


async def test_database_unavailable_covers_asyncpg_connection_errors() -> None:
    from shared.errors import database_unavailable

    assert database_unavailable(asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"))
    assert database_unavailable(asyncpg.CannotConnectNowError("the database system is starting up"))
    assert database_unavailable(asyncpg.exceptions.AdminShutdownError("terminating connection"))
    assert database_unavailable(asyncpg.TooManyConnectionsError("too many clients"))
    assert database_unavailable(ConnectionRefusedError(111, "Connect call failed"))
    assert database_unavailable(TimeoutError())
    assert database_unavailable(asyncpg.InterfaceError("connection is closed"))
    assert database_unavailable(asyncpg.InterfaceError("pool is closing"))
    assert not database_unavailable(asyncpg.InterfaceError("cannot perform operation: another operation is in progress"))
    assert not database_unavailable(asyncpg.NotNullViolationError("null value"))
    assert not database_unavailable(RuntimeError("x"))


async def test_a_nul_that_reaches_postgresql_is_still_a_422(migrated: None) -> None:
    """The safety net behind the text types: never a 500 for what PostgreSQL cannot store."""
    async with serving(probe_app()) as port, connection(port) as http:
        refused = await http.get("/probe/nul", role=None)
        assert (refused.status, refused.json()["code"]) == (422, "invalid_characters"), refused
        assert (await http.get("/probe/ok", role=None)).status == 200


def test_the_openapi_documents_the_error_body_of_a_422() -> None:
    """Every 422 is ``{code, message, field}`` (never FastAPI's ``detail`` list), and the schema
    says so: the fuzz tests then hold each 422 to it."""
    schema = employment_app(EmploymentSettings(outbox_relay=False)).openapi()
    error = schema["components"]["schemas"]["HTTPValidationError"]
    assert set(error["required"]) == {"code", "message", "field"}
    assert set(error["properties"]) >= {"code", "message", "field"}
    assert "ValidationError" not in schema["components"]["schemas"]
    responses = schema["paths"]["/vacancies"]["post"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/HTTPValidationError"}

