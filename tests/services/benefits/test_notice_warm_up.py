"""The written decisions' renderer (R-NOTICE-1) warms up when the benefits app starts: one
throw-away notice in a thread of its own, once per process, storing nothing; start-up does not
wait for it; ``notice_warm_up`` off skips it. Timings: benchmarks/notice_warm_up.py."""

from __future__ import annotations

import asyncio
import threading

import asyncpg
import pytest

from services.benefits.main import create_app
from services.benefits.notices import warm_up
from services.benefits.settings import BenefitsSettings
from shared.app import create_service_app


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """As if no app of this process had started (the warm-up is once per process)."""
    done = threading.Event()
    monkeypatch.setattr(warm_up, "_thread", None)
    monkeypatch.setattr(warm_up, "done", done)
    return done


async def test_the_benefits_app_renders_a_throw_away_notice_when_it_starts(
    fresh_process: threading.Event, conn: asyncpg.Connection
) -> None:
    before = await conn.fetchval("SELECT count(*) FROM decision_notices")
    app = create_app(BenefitsSettings(outbox_relay=False))
    async with app.router.lifespan_context(app):
        thread = warm_up._thread
        assert thread is not None and thread.daemon and thread.name == "notice-warm-up"
        second = create_app(BenefitsSettings(outbox_relay=False))
        async with second.router.lifespan_context(second):
            assert warm_up._thread is thread  # once per process
        assert await asyncio.to_thread(fresh_process.wait, 60)
    assert await conn.fetchval("SELECT count(*) FROM decision_notices") == before


async def test_the_warm_up_is_skipped_when_the_setting_is_off(fresh_process: threading.Event) -> None:
    app = create_app(BenefitsSettings(outbox_relay=False, notice_warm_up=False))
    async with app.router.lifespan_context(app):
        assert warm_up._thread is None
    assert not fresh_process.is_set()


async def test_a_services_start_up_hooks_run_once_with_the_app_before_it_serves() -> None:
    called = []
    app = create_service_app(
        name="hooked",
        title="t",
        description="d",
        settings=BenefitsSettings(outbox_relay=False),
        routers=[],
        startup_hooks=[called.append],
    )
    assert called == []
    async with app.router.lifespan_context(app):
        assert called == [app] and app.state.pool is not None
    assert called == [app]
