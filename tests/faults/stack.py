"""A whole stack of real processes for the fault suite, apart from the one the rest of the suite
uses, so that it can be broken on purpose: its own PostgreSQL cluster and Temporal dev server
(scripts/pg.sh and scripts/temporal.sh with their own directories and ports), the three services
under uvicorn and the worker. Every part can be killed, stopped and started again."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
from temporalio.client import Client

from shared.settings import CommonSettings
from shared.temporal import connect_temporal

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registration", "benefits", "employment")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_DATABASE_URL") and not k.startswith("WORKER_")}
    env |= {
        "UIS_PG_DIR": str(work / "pg"),
        "UIS_PG_PORT": str(free_port()),
        "UIS_DATABASE": "uis",
        "UIS_TEMPORAL_DIR": str(work / "temporal"),
        "UIS_TEMPORAL_PORT": str(free_port()),
        "UIS_TEMPORAL_UI_PORT": str(free_port()),
        "UIS_TEMPORAL_NAMESPACE": "default",
        "UIS_TASK_QUEUE": f"faults-{uuid.uuid4()}",
        "UIS_LOG_LEVEL": "WARNING",
        "WORKER_ENSURE_SCHEDULES": "false",
        # The suite breaks processes, not the per-principal write limit (tested on its own).
        "UIS_RATE_LIMIT": "100000/minute",
    }
    env.pop("UIS_TEMPORAL_ADDRESS", None)
    for name in SERVICES:
        env[f"UIS_{name.upper()}_PORT"] = str(free_port())
        env[f"{name.upper()}_OUTBOX_POLL_SECONDS"] = "0.5"
    return env


@dataclass
class FaultStack:
    work: Path
    env: dict[str, str] = field(init=False)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.env = _environment(self.work)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.env[f'UIS_{service.upper()}_PORT']}"

    def database_url(self, service: str) -> str:
        return f"postgresql://{service}:{service}@127.0.0.1:{self.env['UIS_PG_PORT']}/uis"

    def script(self, name: str, command: str) -> None:
        subprocess.run([str(ROOT / "scripts" / name), command], cwd=ROOT, env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self, name: str) -> None:
        log = open(self.work / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        if name == "worker":
            command = [sys.executable, "-m", "workflows.worker"]
        else:
            command = [sys.executable, "-m", "uvicorn", "--factory", f"services.{name}.main:create_app",
                       "--host", "127.0.0.1", "--port", self.env[f"UIS_{name.upper()}_PORT"],
                       "--timeout-graceful-shutdown", "3", "--timeout-keep-alive", "30"]
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        if name != "worker":
            self.wait_ready(name)

    def wait_ready(self, name: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise AssertionError(f"{name} exited: see {self.work / (name + '.log')}")
            try:
                if httpx.get(f"{self.url(name)}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{name} not up after {timeout}s")

    def kill(self, name: str, sig: signal.Signals = signal.SIGKILL) -> None:
        process = self.processes[name]
        process.send_signal(sig)
        process.wait(timeout=20)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    async def temporal(self) -> Client:
        settings = CommonSettings(
            UIS_TEMPORAL_ADDRESS=f"127.0.0.1:{self.env['UIS_TEMPORAL_PORT']}",
            UIS_TEMPORAL_NAMESPACE=self.env["UIS_TEMPORAL_NAMESPACE"],
        )
        return await connect_temporal(settings)

    async def db(self, service: str) -> asyncpg.Connection:
        return await asyncpg.connect(self.database_url(service))


async def eventually(probe, done, timeout: float = 60, interval: float = 0.2):  # noqa: ANN001, ANN201
    """Poll ``probe`` until ``done`` holds: waiting on a condition, never on a clock."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = await probe()
        except Exception as exc:  # noqa: BLE001 - a part still coming back
            value = exc
        if not isinstance(value, Exception) and done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout}s; last value: {value!r}")
        await asyncio.sleep(interval)


def start_stack(work: Path) -> FaultStack:
    stack = FaultStack(work)
    stack.script("pg.sh", "start")
    stack.script("temporal.sh", "start")
    subprocess.run([str(ROOT / ".venv" / "bin" / "uis-migrate")], cwd=ROOT, env=stack.env, check=True,
                   stdout=subprocess.DEVNULL)
    for name in (*SERVICES, "worker"):
        stack.start(name)
    return stack


def stop_stack(stack: FaultStack) -> None:
    stack.stop_all()
    for script in ("temporal.sh", "pg.sh"):
        try:
            stack.script(script, "stop")
        except subprocess.CalledProcessError:
            pass

