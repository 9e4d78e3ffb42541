"""B1 intake (issue 13 item 2, R-UREG-1): POST /unemployment-registrations — each one records the
失业登记 and starts the person's journey through the outbox — at concurrency 8 and 32, req/s and
p50/p99, against a bare FastAPI + asyncpg app inserting a similar row (benchmarks/bare_app.py),
both as uvicorn processes, in the same run:

    .venv/bin/python benchmarks/intake.py                   # 300 requests per level, both engines
    .venv/bin/python benchmarks/intake.py --n 600 --engine dev

Goal: ratio ≥ 0.5, and p99 < 100 ms at 100 req/s. Runs against the test database (UIS_TEST_DATABASE)
and namespace uis-test; writes .tools/bench/intake.json. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from harness import (
    Row, engines, load, migrate, paced, print_rows, settled, stack, temporal, terminate_all, uvicorn_app, wait_count,
    write_json,
)

import httpx

from shared import local
from tests.factories import auth, registration_payload

# Closed loop at concurrency 8 and 32; then open loop at RATE req/s (the p99 goal's rate).
PACED = 0
RATE = 100.0
LEVELS = (8, 32, PACED)
SERVICE_POINT = auth("service_point", "430102")


async def measure(url: str, path: str, headers: dict[str, str], n: int, concurrency: int):  # noqa: ANN201
    payloads = [registration_payload() for _ in range(n + (concurrency or 8))]
    connections = concurrency or 64
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=headers, limits=limits) as http:

        async def post(i: int) -> bool:
            return (await http.post(path, json=payloads[i])).status_code == 201

        await load(post, concurrency or 8, concurrency or 8)  # warm up: one request per connection
        del payloads[:concurrency or 8]
        if concurrency == PACED:
            return await paced(post, n, RATE)
        return await load(post, n, concurrency)


async def bare(n: int) -> dict[int, object]:
    env = {"BARE_DATABASE_URL": local.database_url("registration", local.setting("UIS_TEST_DATABASE")),
           "BARE_WRITES": "1"}
    with uvicorn_app("benchmarks.bare_app:create_app", env) as url:
        return {c: await measure(url, "/rows", {}, n, c) for c in LEVELS}


async def project(engine: str, n: int) -> dict[int, object]:
    with stack(engine) as (urls, task_queue):
        await settled(engine, task_queue)
        measured = {c: await measure(urls["registration"], "/unemployment-registrations", SERVICE_POINT, n, c)
                    for c in LEVELS}
        # Not measured: the outbox starts the rest of the journeys, then they are ended, so that
        # nothing is left running on a queue without a worker.
        client = await temporal(engine)
        on_queue = f"TaskQueue = '{task_queue}'"
        with contextlib.suppress(RuntimeError):
            await wait_count(client, on_queue, sum(n + (c or 8) for c in LEVELS), timeout=30)
        await terminate_all(client, f"{on_queue} AND ExecutionStatus = 'Running'")
        return measured


async def run(n: int, wanted: str) -> list[Row]:
    migrate()
    rows = []
    for engine in engines(wanted):  # paired: the baseline measured right before each engine's figure
        baseline = await bare(n)
        measured = await project(engine, n)
        for c in LEVELS:
            p, b = measured[c], baseline[c]
            # Paced, both sides send the same rate: the ratio is of the p99s (baseline's / project's).
            what, ratio = (f"c={c}", p.rate / b.rate) if c else (f"paced {RATE:.0f}/s", b.p99 / p.p99)
            rows.append(Row("B1", f"POST /unemployment-registrations, {what}", engine, p.line(), b.line(),
                            round(ratio, 3), {"project": p.figures(), "baseline": b.figures()}))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="requests per concurrency level")
    parser.add_argument("--engine", default="both", choices=("dev", "server", "both"))
    args = parser.parse_args()
    rows = asyncio.run(run(args.n, args.engine))
    print_rows(rows)
    write_json("intake", rows, requests_per_level=args.n)


if __name__ == "__main__":
    main()
