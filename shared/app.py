"""The FastAPI application shape every service shares: lifespan-owned resources, one error
handler, open health endpoints, tracing."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager

import asyncpg
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from temporalio.client import Client

from shared.clock import Clock, SystemClock
from shared.db import create_pool
from shared.errors import install_error_handlers
from shared.hardening import install as install_hardening
from shared.outbox import OutboxRelay, RelayOptions
from shared.outbox_routes import router as outbox_router
from shared.query_params import QueryHygiene
from shared.settings import ServiceSettings
from shared.telemetry import instrument_app, setup_tracing
from shared.temporal import connect_temporal


SHUTDOWN_SECONDS = 5
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Called with the app once its resources are up (see create_service_app).
StartupHook = Callable[[FastAPI], None]


def configure_logging(level: str) -> None:
    # Logs carry IDs and codes only; request bodies (personal data) are never logged.
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")


def create_service_app(
    *,
    name: str,
    title: str,
    description: str,
    settings: ServiceSettings,
    routers: Sequence[APIRouter],
    clock: Clock | None = None,
    temporal_client: Client | None = None,
    upload_paths: Sequence[str] = (),
    startup_hooks: Sequence[StartupHook] = (),
) -> FastAPI:
    """``clock`` and ``temporal_client`` are injected by tests (a pinned clock, a time-skipping
    server); by default the wall clock and a client connected from the settings.
    ``upload_paths`` (route paths) may receive bodies up to ``max_upload_bytes``.
    ``startup_hooks``: called once the app's resources are up, before it serves; each returns at
    once (slow work goes to a thread of its own), so a service's start-up is not delayed."""
    settings.check_production_safety()
    configure_logging(settings.log_level)
    provider = setup_tracing(name, settings.otlp_endpoint, sample_ratio=settings.sample_ratio)
    app = FastAPI(
        title=title, description=description, version="0.1.0",
        lifespan=_lifespan(name, settings, temporal_client, startup_hooks),
        # An unknown query parameter is refused before anything else runs (issue 8).
        dependencies=[Depends(QueryHygiene())],
        # Off by default in production (UIS_API_DOCS, issue 9).
        docs_url="/docs" if settings.docs_enabled else None,
        redoc_url="/redoc" if settings.docs_enabled else None,
        openapi_url="/openapi.json" if settings.docs_enabled else None,
    )
    app.state.settings = settings
    # A service checks tokens and mints none: the verification key only (issue 9).
    app.state.token_keys = settings.token_keys().verify_only()
    app.state.clock = clock or SystemClock()
    install_error_handlers(app)
    _add_health_endpoints(app, name)
    for router in (*routers, outbox_router):
        app.include_router(router)
    instrument_app(app, provider)
    # Size and rate limits, security headers (issue 9): after the instrumentation.
    install_hardening(app, settings, upload_paths=upload_paths)
    return app


def _lifespan(
    name: str, settings: ServiceSettings, temporal_client: Client | None, startup_hooks: Sequence[StartupHook]
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """What the app holds while it runs: the pool, the Temporal client and the outbox relay."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _end_with_parent()
        pool = await create_pool(settings)
        temporal = temporal_client or await connect_temporal(settings, lazy=True)
        relay = OutboxRelay(
            pool,
            temporal,
            settings.task_queue,
            service=name,
            dsn=settings.database_url,
            enabled=settings.outbox_relay,
            options=RelayOptions(poll_seconds=settings.outbox_poll_seconds),
        )
        app.state.pool = pool
        app.state.temporal = temporal
        app.state.outbox = relay
        relay_task = asyncio.create_task(relay.run_forever()) if settings.outbox_relay else None
        for hook in startup_hooks:
            hook(app)
        try:
            yield
        finally:
            await _stop_relay(relay_task)
            await _close_pool(pool)

    return lifespan


def _end_with_parent() -> None:
    """A uvicorn worker process (``--workers N``: a multiprocessing child) is told SIGTERM when
    its parent dies, even by SIGKILL: uvicorn does not watch for that, and an orphaned worker
    would keep the port, so the supervisor's restart of the parent could not bind it."""
    if multiprocessing.parent_process() is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != multiprocessing.parent_process().pid:  # the parent died before the prctl
        os.kill(os.getpid(), signal.SIGTERM)


async def _stop_relay(relay_task: asyncio.Task[None] | None) -> None:
    if relay_task is not None:
        relay_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await relay_task


async def _close_pool(pool: asyncpg.Pool) -> None:
    # SIGTERM stops the process in seconds: connections still out are closed, not awaited.
    try:
        await asyncio.wait_for(pool.close(), timeout=SHUTDOWN_SECONDS)
    except TimeoutError:
        pool.terminate()


def _add_health_endpoints(app: FastAPI, name: str) -> None:
    """Open (no token): liveness, and readiness when the database answers."""

    @app.get("/health", tags=["health"], summary="Liveness")
    async def health() -> dict[str, str]:
        return {"status": "ok", "service": name}

    @app.get("/health/ready", tags=["health"], summary="Readiness: the database answers")
    async def ready(request: Request) -> JSONResponse:
        try:
            async with request.app.state.pool.acquire(timeout=2) as conn:
                await conn.fetchval("SELECT 1", timeout=2)
        except Exception:
            return JSONResponse(status_code=503, content={"status": "unavailable", "service": name})
        return JSONResponse(content={"status": "ok", "service": name})
