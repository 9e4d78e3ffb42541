"""The request's reading of the service's clock: one per request (FastAPI caches a dependency
within a request), handed to the routes (``shared.deps.Now``) and to the request's database
connection, so SQL's ``clock_now()`` agrees with the dates the service computes (R-TIME-1)."""

from __future__ import annotations

import asyncpg
from fastapi import Request

from shared import clock

SETTING = "uis.clock_now"


async def read_clock(request: Request) -> clock.Moment:
    """The app's clock (``app.state.clock``), read once for the request."""
    return await clock.read(request.app.state.clock)


async def set_on_connection(conn: asyncpg.Connection, moment: clock.Moment) -> None:
    """For the rest of the connection's session; the pool's reset (RESET ALL) clears it."""
    await conn.execute("SELECT set_config($1, $2, false)", SETTING, moment.instant.isoformat())
