"""In-process apps for API tests: real PostgreSQL, one connection per test inside a transaction
that is rolled back at the end, the outbox relay off (no Temporal needed)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

import asyncpg
import httpx
from fastapi import FastAPI

from shared import db
from shared.deps import Now
from shared.request_clock import set_on_connection


@contextlib.asynccontextmanager
async def rolled_back_connection(dsn: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await db.connect(dsn)
    tx = conn.transaction()
    await tx.start()
    try:
        yield conn
    finally:
        await tx.rollback()
        await conn.close()


@contextlib.asynccontextmanager
async def api_client(app_factory: Callable[[], FastAPI], conn: asyncpg.Connection) -> AsyncIterator[httpx.AsyncClient]:
    app = app_factory()

    async def test_conn(now: Now) -> AsyncIterator[asyncpg.Connection]:
        await set_on_connection(conn, now)
        yield conn

    app.dependency_overrides[db.get_conn] = test_conn
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client
