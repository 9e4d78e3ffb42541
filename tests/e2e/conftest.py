"""The running stack for end-to-end tests: the three services and the worker as real processes
(as ``make run`` starts them), on free ports, a fresh task queue, the test database and the
Temporal dev server."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from temporalio.client import Client

from shared.settings import CommonSettings
from shared.temporal import connect_temporal

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registration", "benefits", "employment")
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def eventually(probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout: float = 30.0) -> T:
    """Poll ``probe`` until ``done`` holds: waiting on a condition, not on a clock."""
    deadline = time.monotonic() + timeout
    while True:
        value = await probe()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached within {timeout}s; last value: {value!r}")
        await asyncio.sleep(0.1)


@dataclass
class Stack:
    urls: dict[str, str]
    task_queue: str
    temporal: Client


@pytest.fixture(scope="session")
async def temporal_client() -> Client:
    settings = CommonSettings()
    try:
        return await connect_temporal(settings)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Temporal dev server not reachable at {settings.temporal_address} ({exc}); run scripts/temporal.sh start")


@contextlib.contextmanager
def running_stack(
    *, console: bool = False, extra_env: dict[str, str] | None = None, workers: int = 1
) -> Iterator[tuple[dict[str, str], str]]:
    """The three services and ``workers`` journey workers (and, for the browser tests, the
    console) as processes on free ports with a fresh task queue; their URLs by name, and the
    task queue."""
    task_queue = f"e2e-{uuid.uuid4()}"
    names = (*SERVICES, "console") if console else SERVICES
    ports = {name: free_port() for name in names}
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    # The test workers leave the Schedules alone (they would point them at a throwaway queue).
    env = dict(os.environ, UIS_TASK_QUEUE=task_queue, UIS_LOG_LEVEL="WARNING", WORKER_ENSURE_SCHEDULES="false")
    env |= extra_env or {}
    for name in SERVICES:
        env[f"{name.upper()}_OUTBOX_POLL_SECONDS"] = "0.5"
        env[f"WORKER_{name.upper()}_URL"] = env[f"CONSOLE_{name.upper()}_URL"] = urls[name]
    # The services that ask the registration service (audit cross-match, job-seeker checks).
    env["BENEFITS_REGISTRATION_URL"] = env["EMPLOYMENT_REGISTRATION_URL"] = urls["registration"]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", f"services.{name}.main:create_app",
             "--host", "127.0.0.1", "--port", str(ports[name]), "--log-level", "warning",
             "--timeout-keep-alive", "30"],
            cwd=ROOT, env=env,
        )
        for name in names
    ]
    processes += [subprocess.Popen([sys.executable, "-m", "workflows.worker"], cwd=ROOT, env=env) for _ in range(workers)]
    try:
        _wait_ready(urls, processes)
        yield urls, task_queue
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def _wait_ready(urls: dict[str, str], processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + 60
    for name, url in urls.items():
        ready = f"{url}/health" if name == "console" else f"{url}/health/ready"
        while True:
            try:
                if httpx.get(ready, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                pytest.fail(f"{name} did not become ready")
            time.sleep(0.1)


# Per module: the stack's outbox relays deliver every due row of the test database, so they must
# be gone when a module runs services of its own (test_tracing.py, in process).
@pytest.fixture(scope="module")
def stack_processes(migrated: None, calendar_years_known: None) -> Iterator[tuple[dict[str, str], str]]:
    with running_stack() as running:
        yield running


@pytest.fixture(scope="module")
async def stack(stack_processes: tuple[dict[str, str], str], temporal_client: Client) -> AsyncIterator[Stack]:
    urls, task_queue = stack_processes
    yield Stack(urls=urls, task_queue=task_queue, temporal=temporal_client)
