"""`make run`'s supervision (issue 9): the supervisord configuration scripts/run.sh uses
(scripts/supervisor.sh) restarts a service that was killed, with a log line, while the rest goes
on; stopping supervisord stops every process it started."""

from __future__ import annotations

import subprocess
import time
import uuid

import httpx
import pytest

from tests.faults import steps
from tests.faults.stack import ROOT, FaultStack, free_port

pytestmark = pytest.mark.faults


def _supervisorctl(conf: str, *args: str) -> str:
    return subprocess.run([str(ROOT / ".venv" / "bin" / "supervisorctl"), "-c", conf, *args],
                          capture_output=True, text=True, check=False).stdout.strip()


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def _until(condition, timeout: float = 60) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.2)


def test_a_killed_service_is_started_again_and_stopping_stops_all(stack: FaultStack) -> None:
    # A second copy of the services on ports of its own, on the fault stack's database and Temporal.
    env = dict(stack.env, UIS_LOG_DIR=str(stack.work / "supervised"), UIS_RUN_DIR=str(stack.work / "supervised"),
               UIS_TASK_QUEUE=f"supervised-{uuid.uuid4()}")
    # The console (issue 11) is in the same configuration: on a port of its own too, never 8000.
    for name in ("registration", "benefits", "employment", "console"):
        env[f"UIS_{name.upper()}_PORT"] = str(free_port())
    conf = str(stack.work / "supervised" / "supervisord.conf")
    subprocess.run([str(ROOT / "scripts" / "supervisor.sh"), conf], env=env, cwd=ROOT, check=True)
    supervisor = subprocess.Popen([str(ROOT / ".venv" / "bin" / "supervisord"), "-c", conf], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{env['UIS_REGISTRATION_PORT']}"
    try:
        _until(lambda: _healthy(url))
        first = int(_supervisorctl(conf, "pid", "registration"))
        subprocess.run(["kill", "-9", str(first)], check=True)
        killed = time.monotonic()
        _until(lambda: _supervisorctl(conf, "pid", "registration") not in ("", "0", str(first)) and _healthy(url))
        steps.measured("make run: killed service started again by supervisord", time.monotonic() - killed)
        log = (stack.work / "supervised" / "supervisord.log").read_text()
        assert "exited: registration (terminated by SIGKILL; not expected)" in log
        assert _supervisorctl(conf, "status", "worker").split()[1] == "RUNNING"  # the rest went on
        children = [int(_supervisorctl(conf, "pid", n)) for n in ("registration", "benefits", "employment", "worker")]
    finally:
        supervisor.terminate()
        supervisor.wait(timeout=30)
    for pid in children:
        assert subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0  # gone
