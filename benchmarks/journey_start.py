"""B2 journey start (issue 13 item 2, R-UREG-1): journeys per second that reach their first wait —
the 失业登记 posted, the journey started through the outbox, the claim opened by its activity,
stage claim_review in visibility — against a bare workflow that runs one no-op activity, sets
the same search attribute and waits on a signal (benchmarks/bare_workflows.py, its worker a
process like the project's), on both engines, in the same run:

    .venv/bin/python benchmarks/journey_start.py              # 200 journeys, both engines
    .venv/bin/python benchmarks/journey_start.py --n 500 --engine server

Each side is warmed up with 8 first; the clock runs from the first start (POST) to the last one
counted waiting. What is left running is terminated after each figure. Goal: ratio ≥ 0.5 and
≥ 10 journeys/s on the server engine. Writes .tools/bench/journey_start.json. Asserts nothing
about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

from harness import (
    Row, bare_worker, engines, load, migrate, print_rows, settled, stack, temporal, terminate_all, wait_count, write_json,
)

import httpx

from tests.factories import auth, registration_payload

CONCURRENCY = 8
WARM_UP = 8


async def project(engine: str, n: int, workers: int = 1) -> float:
    with stack(engine, workers) as (urls, task_queue):
        await settled(engine, task_queue)
        client = await temporal(engine)
        waiting = f"TaskQueue = '{task_queue}' AND JourneyStage = 'claim_review'"
        payloads = [registration_payload() for _ in range(n + WARM_UP)]
        headers = auth("service_point", "430102")
        async with httpx.AsyncClient(base_url=urls["registration"], timeout=60, headers=headers) as http:

            async def post(i: int) -> bool:
                return (await http.post("/unemployment-registrations", json=payloads[i])).status_code == 201

            # Only a 201 starts a journey (an ID number a past run drew again answers its old one).
            warm = await load(post, WARM_UP, CONCURRENCY)
            await wait_count(client, waiting, WARM_UP - warm.failures)
            del payloads[:WARM_UP]
            t0 = time.perf_counter()
            posted = await load(post, n, CONCURRENCY)
            await wait_count(client, waiting, WARM_UP - warm.failures + n - posted.failures)
            elapsed = time.perf_counter() - t0
        await terminate_all(client, f"TaskQueue = '{task_queue}' AND ExecutionStatus = 'Running'")
        return elapsed


async def bare(engine: str, n: int) -> float:
    with bare_worker(engine) as task_queue:
        client = await temporal(engine)
        waiting = f"TaskQueue = '{task_queue}' AND JourneyStage = 'bare_waiting'"

        async def start(i: int) -> bool:
            await client.start_workflow("BareJourney", str(i), id=f"bench-bare-{uuid.uuid4()}", task_queue=task_queue)
            return True

        await load(start, WARM_UP, CONCURRENCY)
        await wait_count(client, waiting, WARM_UP)
        t0 = time.perf_counter()
        await load(start, n, CONCURRENCY)
        await wait_count(client, waiting, WARM_UP + n)
        elapsed = time.perf_counter() - t0
        await terminate_all(client, f"TaskQueue = '{task_queue}' AND ExecutionStatus = 'Running'")
        return elapsed


async def run(n: int, wanted: str, workers: int = 1, bare_side: bool = True) -> list[Row]:
    migrate()
    rows = []
    for engine in engines(wanted):
        b = await bare(engine, n) if bare_side else None
        p = await project(engine, n, workers)
        if b is None:  # a tuning comparison of the project alone (--no-baseline)
            rows.append(Row("B2", f"{n} journeys, {workers} worker process(es)", engine,
                            f"{p:6.1f} s  {n / p:6.1f} journeys/s", "-", None, {"n": n, "workers": workers,
                                                                                  "project_s": round(p, 2)}))
            continue
        rows.append(Row("B2", f"{n} journeys to their first wait", engine,
                        f"{p:6.1f} s  {n / p:6.1f} journeys/s", f"{b:6.1f} s  {n / b:6.1f} workflows/s",
                        round(b / p, 3), {"n": n, "project_s": round(p, 2), "baseline_s": round(b, 2),
                                          "project_per_s": round(n / p, 1), "baseline_per_s": round(n / b, 1)}))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="journeys (and bare workflows) started")
    parser.add_argument("--engine", default="both", choices=("dev", "server", "both"))
    parser.add_argument("--workers", type=int, default=1, help="journey worker processes (tuning)")
    parser.add_argument("--no-baseline", action="store_true", help="the project only, not written to the JSON")
    args = parser.parse_args()
    rows = asyncio.run(run(args.n, args.engine, args.workers, not args.no_baseline))
    if args.no_baseline:
        print_rows(rows)
        return
    print_rows(rows)
    write_json("journey_start", rows, journeys=args.n, concurrency=CONCURRENCY)


if __name__ == "__main__":
    main()
