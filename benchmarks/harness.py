"""What the benchmarks share: the test database and namespace, the two Temporal engines, the
stack and bare apps as processes on free ports, closed-loop load with percentiles, and the JSON
results under .tools/bench/ (issue 13 item 2). A benchmark prints figures; it asserts nothing
about speed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from shared import local  # noqa: E402

# The test database and namespace, as the test suite uses them (tests/conftest.py).
TEST_DATABASE = local.setting("UIS_TEST_DATABASE")
os.environ["UIS_TEMPORAL_NAMESPACE"] = "uis-test"
for _service in local.SERVICES:
    os.environ[f"{_service.upper()}_DATABASE_URL"] = local.database_url(_service, TEST_DATABASE)

from tests.e2e.conftest import free_port, running_stack  # noqa: E402

# The dev server (scripts/temporal.sh) and the Temporal server on PostgreSQL (scripts/temporal-server.sh).
ENGINES = {"dev": "127.0.0.1:7233", "server": "127.0.0.1:7300"}
RESULTS = ROOT / ".tools" / "bench"
# The services' per-client limit would turn a load test into 429s.
STACK_ENV = {"UIS_RATE_LIMIT": "1000000/minute"}


def engine_up(engine: str) -> bool:
    host, port = ENGINES[engine].split(":")
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, int(port))) == 0


def engines(wanted: str) -> list[str]:
    """The engines asked for ("dev", "server" or "both") that are listening; the others are named."""
    names = list(ENGINES) if wanted == "both" else [wanted]
    up = [name for name in names if engine_up(name)]
    for name in set(names) - set(up):
        print(f"  (engine {name} at {ENGINES[name]} not running: skipped)")
    return up


def migrate() -> None:
    from services.migrate import SERVICES, migrate_service

    for service in SERVICES:
        migrate_service(service, os.environ[f"{service.upper()}_DATABASE_URL"])


@contextlib.contextmanager
def stack(engine: str, workers: int = 1, **extra: str) -> Iterator[tuple[dict[str, str], str]]:
    """The three services and ``workers`` journey workers as processes (tests/e2e running_stack) on ``engine``."""
    env = STACK_ENV | {"UIS_TEMPORAL_ADDRESS": ENGINES[engine]} | extra
    with running_stack(extra_env=env, workers=workers) as running:
        yield running


@contextlib.contextmanager
def uvicorn_app(factory: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """A uvicorn process serving ``factory`` (module:function) on a free port; its URL."""
    import httpx

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--timeout-keep-alive", "30"],
        cwd=ROOT, env=dict(os.environ, **(env or {})),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{factory} did not start")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


@dataclass
class Load:
    """A closed-loop load: ``n`` calls, ``concurrency`` at a time."""

    n: int
    concurrency: int
    seconds: float
    latencies: list[float] = field(repr=False)
    failures: int = 0

    @property
    def rate(self) -> float:
        return self.n / self.seconds

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 99)

    def figures(self) -> dict[str, float]:
        return {"req_per_s": round(self.rate, 1), "p50_ms": round(percentile(self.latencies, 50) * 1000, 1),
                "p99_ms": round(percentile(self.latencies, 99) * 1000, 1), "n": self.n,
                "concurrency": self.concurrency, "failures": self.failures}

    def line(self) -> str:
        f = self.figures()
        return f"{f['req_per_s']:8.1f} req/s  p50 {f['p50_ms']:6.1f} ms  p99 {f['p99_ms']:7.1f} ms"


async def load(call: Callable[[int], Awaitable[bool]], n: int, concurrency: int) -> Load:
    """Runs ``call(i)`` for i < n with ``concurrency`` workers; ``call`` answers whether it succeeded."""
    latencies: list[float] = []
    failures = 0
    counter = iter(range(n))

    async def worker() -> None:
        nonlocal failures
        for i in counter:
            t0 = time.perf_counter()
            ok = await call(i)
            latencies.append(time.perf_counter() - t0)
            failures += not ok

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Load(n, concurrency, time.perf_counter() - t0, latencies, failures)


@dataclass
class Row:
    """One line of the results table: the project's figure, the bare baseline's, their ratio
    (higher is better for the project: baseline time / project time, or project rate / baseline rate)."""

    bench: str
    what: str
    engine: str
    project: str
    baseline: str
    ratio: float | None  # None: a size, no baseline to divide by
    detail: dict = field(default_factory=dict)


def print_rows(rows: list[Row]) -> None:
    print(f"\n{'bench':<5} {'what':<42} {'engine':<7} {'project':<34} {'bare baseline':<34} ratio")
    for r in rows:
        print(f"{r.bench:<5} {r.what:<42} {r.engine:<7} {r.project:<34} {r.baseline:<34} {'-' if r.ratio is None else f'{r.ratio:5.2f}'}")


def write_json(name: str, rows: list[Row], **context: object) -> Path:
    """The figures of one benchmark as .tools/bench/<name>.json (the last run's)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    document = {"benchmark": name, "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "cores": os.cpu_count(), "database": TEST_DATABASE, **context,
                "rows": [asdict(r) for r in rows]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  → {path.relative_to(ROOT)}")
    return path


async def temporal(engine: str):  # noqa: ANN201
    """A client of ``engine`` in the test namespace, with the project's data converter."""
    from temporalio.client import Client
    from temporalio.contrib.pydantic import pydantic_data_converter

    return await Client.connect(ENGINES[engine], namespace="uis-test", data_converter=pydantic_data_converter)


@contextlib.contextmanager
def bare_worker(engine: str) -> Iterator[str]:
    """The bare workflows' worker (benchmarks/bare_workflows.py) as a process on ``engine``; its task queue."""
    task_queue = f"bench-bare-{uuid.uuid4()}"
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bare_workflows", "--address", ENGINES[engine], "--task-queue", task_queue],
        cwd=ROOT,
    )
    try:
        yield task_queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


async def wait_count(client, query: str, n: int, timeout: float = 600) -> float:  # noqa: ANN001
    """Polls visibility until ``query`` counts ``n`` workflows; the time it took."""
    t0 = time.perf_counter()
    while (await client.count_workflows(query)).count < n:
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"{query!r} did not reach {n} within {timeout}s")
        await asyncio.sleep(0.1)
    return time.perf_counter() - t0


async def terminate_all(client, query: str) -> None:  # noqa: ANN001
    """Ends what a benchmark left running, so the next runs do not pay for it."""
    handles = [client.get_workflow_handle(w.id) async for w in client.list_workflows(query)]
    for i in range(0, len(handles), 32):
        await asyncio.gather(*(h.terminate("benchmark over") for h in handles[i:i + 32]), return_exceptions=True)


async def paced(call: Callable[[int], Awaitable[bool]], n: int, rate: float) -> Load:
    """An open-loop load: call ``i`` is sent at ``i / rate`` seconds whatever the answers before it
    (as arrivals come); its latency counts from that instant, so queueing shows in the p99."""
    latencies: list[float] = []
    failures = 0
    t0 = time.perf_counter()

    async def one(i: int) -> None:
        nonlocal failures
        due = t0 + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        ok = await call(i)
        latencies.append(time.perf_counter() - due)
        failures += not ok

    await asyncio.gather(*(one(i) for i in range(n)))
    return Load(n, 0, time.perf_counter() - t0, latencies, failures)


async def settled(engine: str, task_queue: str, timeout: float = 180) -> None:
    """A fresh stack first delivers what earlier runs left in the registration outbox (onto its
    own task queue); wait for that and end those journeys, so a benchmark counts only its own."""
    import asyncpg

    conn = await asyncpg.connect(os.environ["REGISTRATION_DATABASE_URL"])
    try:
        deadline = time.monotonic() + timeout
        while await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
    finally:
        await conn.close()
    await terminate_all(await temporal(engine), f"TaskQueue = '{task_queue}' AND ExecutionStatus = 'Running'")
