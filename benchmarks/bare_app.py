"""The bare baseline app for B1 and B5: FastAPI + asyncpg and nothing else (no auth, no
validation beyond the body's types, no audit, no outbox, no telemetry), run as a uvicorn process
like the services:

    BARE_DATABASE_URL=postgresql://registration:registration@127.0.0.1:54329/uis_test \\
    BARE_TABLE=unemployment_registrations .venv/bin/python -m uvicorn --factory benchmarks.bare_app:create_app

POST /rows inserts one row like a 失业登记 (its own table, bench_bare_registrations, made if
missing) in one transaction (an ID number a past run drew again updates its row, as a repeated
registration answers the existing one); GET /rows/{id} is one primary-key SELECT on BARE_TABLE."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel

# The tables a GET may read (never a name from the request).
TABLES = ("unemployment_registrations", "claims")
DDL = """
CREATE TABLE IF NOT EXISTS bench_bare_registrations (
    id uuid PRIMARY KEY,
    id_number text NOT NULL UNIQUE,
    name text NOT NULL,
    district text NOT NULL,
    separation_date date NOT NULL,
    separation_reason text,
    registration_date date NOT NULL,
    status text NOT NULL DEFAULT 'open',
    created_at timestamptz NOT NULL DEFAULT now()
)"""


class RowCreate(BaseModel):
    id_number: str
    name: str
    district: str
    separation_date: dt.date
    separation_reason: str | None = None
    registration_date: dt.date


def create_app() -> FastAPI:
    table = os.environ.get("BARE_TABLE", "unemployment_registrations")
    if table not in TABLES:
        raise ValueError(f"BARE_TABLE must be one of {TABLES}")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(os.environ["BARE_DATABASE_URL"], min_size=4, max_size=20)
        if os.environ.get("BARE_WRITES") == "1":
            async with app.state.pool.acquire() as conn:
                await conn.execute(DDL)
        yield
        await app.state.pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/rows", status_code=201)
    async def insert(row: RowCreate, request: Request) -> dict:
        async with request.app.state.pool.acquire() as conn, conn.transaction():
            created = await conn.fetchrow(
                """INSERT INTO bench_bare_registrations (id, id_number, name, district, separation_date,
                                                       separation_reason, registration_date)
                   VALUES ($1, $2, $3, $4, $5, $6, $7)
                   ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name RETURNING *""",
                uuid.uuid4(), row.id_number, row.name, row.district, row.separation_date,
                row.separation_reason, row.registration_date,
            )
        return dict(created)

    @app.get("/rows/{row_id}")
    async def select(row_id: uuid.UUID, request: Request) -> dict:
        async with request.app.state.pool.acquire() as conn:
            found = await conn.fetchrow(f"SELECT * FROM {table} WHERE id = $1", row_id)  # noqa: S608 (whitelisted)
        if found is None:
            raise HTTPException(404)
        return dict(found)

    return app
