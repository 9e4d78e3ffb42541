"""The SQL of operations' view of the outbox (shared/outbox_routes.py); the relay's own statements
are in shared/outbox.py."""

from __future__ import annotations

import asyncpg


async def unsent_summary(conn: asyncpg.Connection) -> asyncpg.Record:
    """The undelivered rows: how many (``unsent``), how many failed at least once (``failing``),
    when the oldest was written (``oldest``) and how long ago in seconds (``age``, 0 when none)."""
    return await conn.fetchrow(
        "SELECT count(*) AS unsent, count(*) FILTER (WHERE attempts > 0) AS failing,"
        " min(created_at) AS oldest, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age"
        " FROM outbox WHERE sent_at IS NULL"
    )


async def unsent(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    """The first ``limit`` undelivered rows, oldest first."""
    return await conn.fetch(
        "SELECT id, command, workflow_id, attempts, last_error, created_at, next_attempt_at FROM outbox"
        " WHERE sent_at IS NULL ORDER BY id LIMIT $1",
        limit,
    )
