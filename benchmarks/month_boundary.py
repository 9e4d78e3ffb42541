"""B3 month boundary (issue 13 item 2, R-PAY-1 with R-MED-1 and R-MON-1): N sleeping journeys
whose benefit month 2 starts on the same day — registered and approved the same day, month 1 paid,
month 1's job-search report in — and the time from the skip onto that day until every one of
them has its month-2 benefit and medical-premium instructions, against a bare workflow with a
timer and two no-op activities (benchmarks/bare_workflows.py BareMonth), N of them on the same
kind of server:

    .venv/bin/python benchmarks/month_boundary.py             # N = 20
    .venv/bin/python benchmarks/month_boundary.py --n 50

Runs on Temporal's time-skipping test server with the whole-journey harness (tests/journeys:
the real services in process on database $UIS_TEST_DATABASE_journeys, emptied first; the real
worker and activities), because a month boundary cannot be waited for on the dev or the server
engine; the bare workflows get a fresh test server of their own. The 100,000 figure is a linear
extrapolation from N. Writes .tools/bench/month_boundary.json. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
import uuid

from harness import Row, print_rows, write_json

import asyncpg

from benchmarks.bare_workflows import WORKFLOWS
from shared import local
from tests.journeys.harness import DATABASE, running_harness
from tests.journeys.steps import approved, into_month, registered_claimant, report_for_month
from tests.time_skipping import start_time_skipping_server
from temporalio import activity
from temporalio.worker import Worker

PROVINCE = 100_000


async def paid_in_month_2(conn: asyncpg.Connection) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM payments WHERE benefit_month = 2 AND kind IN ('benefit', 'medical_premium')"
    )


async def project(n: int) -> float:
    async with running_harness() as h:
        claimants = [await registered_claimant(h) for _ in range(n)]
        journeys = [await approved(h, c) for c in claimants]
        start = await h.today()  # every one registered today: benefit month 2 starts on one day
        for journey in journeys:
            await report_for_month(h, journey, start, 1)
        conn = await asyncpg.connect(local.database_url("benefits", DATABASE))
        try:
            t0 = time.perf_counter()
            await into_month(h, start, 2)
            while await paid_in_month_2(conn) < 2 * n:
                await asyncio.sleep(0.05)
            return time.perf_counter() - t0
        finally:
            await conn.close()


async def bare(n: int) -> float:
    env = await start_time_skipping_server()
    premiums: set[str] = set()
    all_paid = asyncio.Event()

    @activity.defn(name="bare_noop")
    async def counted(key: str) -> str:  # the bare no-op, noting the month's second instruction
        if key.endswith(":premium"):
            premiums.add(key)
            if len(premiums) == n:
                all_paid.set()
        return key

    try:
        task_queue = f"bench-month-{uuid.uuid4()}"
        async with Worker(env.client, task_queue=task_queue, workflows=WORKFLOWS, activities=[counted]):
            wake_at = await env.get_current_time() + dt.timedelta(days=30)
            for i in range(n):
                await env.client.start_workflow("BareMonth", args=[str(i), wake_at], id=f"bench-month-{i}",
                                                task_queue=task_queue)
            t0 = time.perf_counter()
            await env.sleep(wake_at - await env.get_current_time() + dt.timedelta(hours=9))
            await all_paid.wait()
            return time.perf_counter() - t0
    finally:
        await env.shutdown()


async def run(n: int) -> list[Row]:
    b = await bare(n)
    p = await project(n)
    return [Row("B3", f"month boundary, {n} journeys (time-skipping)", "skip",
                f"{p:6.2f} s  {n / p:6.1f} months/s", f"{b:6.2f} s  {n / b:6.1f} months/s", round(b / p, 3),
                {"n": n, "project_s": round(p, 3), "baseline_s": round(b, 3),
                 "extrapolated_100k_s": round(p / n * PROVINCE), "baseline_extrapolated_100k_s": round(b / n * PROVINCE)})]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20, help="journeys whose month starts on the same day")
    args = parser.parse_args()
    rows = asyncio.run(run(args.n))
    print_rows(rows)
    d = rows[0].detail
    print(f"  100,000 claimant-months, linear from N={args.n}: {d['extrapolated_100k_s'] / 60:.0f} min "
          f"(bare {d['baseline_extrapolated_100k_s'] / 60:.0f} min); goal ≤ 10 min on the server engine")
    write_json("month_boundary", rows, journeys=args.n)


if __name__ == "__main__":
    main()
