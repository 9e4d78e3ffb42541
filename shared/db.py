"""asyncpg pool, opened in a FastAPI lifespan (never at import), and the per-request connection."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import asyncpg
from asyncpg.transaction import Transaction
from fastapi import Depends, Request

from shared.clock import Moment
from shared.errors import DomainError
from shared.request_clock import read_clock, set_on_connection
from shared.settings import ServiceSettings


async def _init_connection(conn: asyncpg.Connection) -> None:
    for type_name in ("json", "jsonb"):
        await conn.set_type_codec(
            type_name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
        )


async def create_pool(settings: ServiceSettings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        settings.database_url,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        init=_init_connection,
    )
    assert pool is not None
    return pool


async def connect(dsn: str) -> asyncpg.Connection:
    conn = await asyncpg.connect(dsn)
    await _init_connection(conn)
    return conn


async def get_conn(
    request: Request, now: Moment = Depends(read_clock)
) -> AsyncIterator[asyncpg.Connection]:
    """One pooled connection per request, set to the request's clock reading; the service layer
    opens the transaction on it."""
    pool: asyncpg.Pool = request.app.state.pool
    try:
        conn = await pool.acquire(timeout=request.app.state.settings.pool_acquire_timeout_seconds)
    except TimeoutError:
        raise DomainError("database_busy", "系统繁忙, 请稍后重试", status_code=503) from None
    try:
        await set_on_connection(conn, now)
        yield conn
    finally:
        await pool.release(conn)


def read_snapshot(conn: asyncpg.Connection) -> Transaction:
    """A read-only REPEATABLE READ transaction, so that the parts of one record read together
    agree; inside a caller's transaction (the tests' rolled-back one) a savepoint of it, whose
    snapshot is the caller's to choose."""
    if conn.is_in_transaction():
        return conn.transaction()
    return conn.transaction(isolation="repeatable_read", readonly=True)
