"""B1-like intake load for issue 13 item 4 (before/after figures of the performance work).

    .venv/bin/python -m benchmarks.profiles.intake --database uis_test_a_bench [--workers N]
        [--pool-min 1 --pool-max 10] [--seconds 10] [--concurrency 8 32]

Starts the registration service as `make run` does (uvicorn, its outbox relay on, Temporal on
UIS_TEMPORAL_ADDRESS, a task queue of its own so no worker picks the journeys up) against the
given (migrated) database — one of its own, never a test database: the rows stay, and an
outbox left there would be relayed by the next service started on it — then POSTs /unemployment-registrations at each concurrency for the
given seconds and prints req/s, p50 and p99. The rate limit is lifted for the run (it would
otherwise answer 429 after 120 writes of one principal). Synthetic people only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
QUEUE_PREFIX = "bench-intake-"  # task queues of these runs only (no worker polls them)
STATUSES: dict[int, int] = {}  # answers other than 201, by status


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _id_number() -> str:
    # A synthetic 18-digit resident ID with a valid check digit (GB 11643).
    body = "430102" + f"{random.randint(1960, 2000)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}"
    body += f"{random.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _payload() -> dict[str, object]:
    return {
        "id_number": _id_number(), "name": "测试", "district": "430102",
        "separation_date": "2026-11-01", "separation_reason": "contract_expired",
        "registration_date": "2026-11-20", "wants_work": True,
    }


def _token() -> str:
    out = subprocess.run(
        [str(ROOT / ".venv/bin/uis-token"), "--role", "service_point", "--district", "430102"],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    return out.stdout.strip().splitlines()[-1]


def _terminate_journeys() -> None:
    """The journeys the runs started wait for a worker that never comes: end them, so they do not
    pile up on the dev server (it slows as workflows accumulate). Visibility lags the starts, and
    a later run relays what an earlier one left in its outbox: repeated until none is left."""
    temporal = [str(ROOT / ".tools/bin/temporal"), "workflow"]
    where = ["--address", os.environ.get("UIS_TEMPORAL_ADDRESS", "127.0.0.1:7233"), "-n", "uis-test",
             "--query", f'ExecutionStatus="Running" AND TaskQueue STARTS_WITH "{QUEUE_PREFIX}"']
    for attempt in range(60):  # at most ~3 minutes; a batch ends ~50 workflows/s on the dev server
        count = subprocess.run([*temporal, "count", *where], capture_output=True, text=True, cwd=ROOT, check=False)
        if count.returncode != 0 or count.stdout.strip().endswith("Total: 0"):
            return
        if attempt % 5 == 0:  # a new batch every 15 s takes what became visible since
            subprocess.run([*temporal, "terminate", *where, "--reason", "intake benchmark done", "--yes"],
                           capture_output=True, cwd=ROOT, check=False)
        time.sleep(3)  # a batch terminates asynchronously; the next count sees what is left


def _start_service(args: argparse.Namespace, port: int, task_queue: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update({
        "REGISTRATION_DATABASE_URL": f"postgresql://registration:registration@127.0.0.1:54329/{args.database}",
        "UIS_TASK_QUEUE": task_queue, "UIS_TEMPORAL_NAMESPACE": "uis-test",
        "UIS_RATE_LIMIT": "1000000/second", "UIS_LOG_LEVEL": "WARNING",
        "REGISTRATION_POOL_MIN_SIZE": str(args.pool_min), "REGISTRATION_POOL_MAX_SIZE": str(args.pool_max),
    })
    command = [str(ROOT / ".venv/bin/uvicorn"), "--factory", "services.registration.main:create_app",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    if args.workers:
        command += ["--workers", str(args.workers)]
    return subprocess.Popen(command, cwd=ROOT, env=env)


async def _wait_ready(url: str) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(300):
            try:
                if (await http.get(f"{url}/health/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("registration service did not come up")


async def _load(url: str, token: str, concurrency: int, seconds: float) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        async def one() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await http.post("/unemployment-registrations", json=_payload())
                if response.status_code == 201:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
                    STATUSES[response.status_code] = STATUSES.get(response.status_code, 0) + 1
        began = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return round(len(latencies) / elapsed), errors, latencies


def _ms(values: list[float], q: float) -> float:
    return round(statistics.quantiles(values, n=100)[int(q) - 1] * 1000, 1) if len(values) > 2 else float("nan")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--pool-min", type=int, default=1)
    parser.add_argument("--pool-max", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    task_queue = f"{QUEUE_PREFIX}{uuid.uuid4()}"
    process = _start_service(args, port, task_queue)
    try:
        await _wait_ready(url)
        token = _token()
        await _load(url, token, 4, 2)  # warm-up
        for concurrency in args.concurrency:
            rate, errors, latencies = await _load(url, token, concurrency, args.seconds)
            print(f"intake c={concurrency} workers={args.workers or 1} pool={args.pool_min}-{args.pool_max}: "
                  f"{rate} req/s p50 {_ms(latencies, 50)} ms p99 {_ms(latencies, 99)} ms errors {errors} {STATUSES}",
                  flush=True)
    finally:
        process.terminate()
        process.wait(timeout=20)
        _terminate_journeys()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
