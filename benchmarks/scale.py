"""The scale run (issue 13 item 3; `make bench-scale`, not part of CI): open journeys held on one
box, on the server engine (scripts/temporal-server.sh), at growing sizes:

    .venv/bin/python benchmarks/scale.py                         # 1,000, 10,000, 50,000
    .venv/bin/python benchmarks/scale.py --sizes 1000,10000

The journeys are started as the service points start them (POST /unemployment-registrations,
concurrency 16; each goes through the outbox) and each sleeps in claim review on its R-REV-1
timer. After each size is reached it measures, while they sleep:

- the time to start that step's journeys (first POST until visibility counts them waiting);
- the proportional memory (PSS) of the worker, the three services, the Temporal server and
  PostgreSQL (benchmarks/processes.py);
- the databases' sizes (the services' database, `temporal`, `temporal_visibility`);
- the journey view's p50/p99 (GET …/journey on 200 random sleeping journeys, c=8): first each
  journey once (its state read from the workflow, a replay when the worker has evicted it), then
  looked at again (the state stored at that history length), against a bare primary-key SELECT of
  the same rows (benchmarks/bare_app.py);
- the month boundary on this engine: ``--months`` bare workflows (a timer and two no-op
  activities, benchmarks/bare_workflows.py BareMonth) whose timers fire at one instant, from
  that instant until the last has run both. The project's own month boundary cannot be waited
  for on a real engine (a benefit month is a month of wall time); benchmarks/month_boundary.py
  measures it against the same bare workflow on the time-skipping server.

Writes .tools/bench/scale.json after every size (a run cut short keeps what it measured) and
prints the growth curve: the cost per journey of each step. benchmarks/scale_plot.py draws it.
The journeys are terminated at the end (one server-side batch). Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import subprocess
import time
import uuid
from collections import Counter

from harness import (
    ENGINES, ROOT, Row, bare_worker, engine_up, load, migrate, stack, temporal, uvicorn_app, wait_count, write_json,
)

import asyncpg
import httpx
from processes import descendants, matching, named, total_pss

from shared import local
from shared.clock import utc_now
from tests.factories import auth, registration_payload

ENGINE = "server"
POST_CONCURRENCY = 16
READ_CONCURRENCY = 8
READS = 400
PROVINCE_MONTHS = 100_000
SERVER_PID = ROOT / ".tools" / "temporal-server" / "server.pid"
CASE_MANAGER = auth("case_manager")


async def start_journeys(http: httpx.AsyncClient, client, waiting: str, made: list[str], n: int) -> float:  # noqa: ANN001
    """POST ``n`` registrations; wait until every 201 is a journey waiting in claim review."""
    payloads = [registration_payload() for _ in range(n)]

    refused: Counter[str] = Counter()

    async def post(i: int) -> bool:
        answer = await http.post("/unemployment-registrations", json=payloads[i])
        if answer.status_code == 201:
            made.append(answer.json()["id"])
            return True
        refused[f"{answer.status_code} {answer.json().get('code')}"] += 1
        return False

    t0 = time.perf_counter()
    await load(post, n, POST_CONCURRENCY)
    if refused:
        # The random ID numbers may repeat a person of an earlier run still registered here (409).
        print(f"  POSTs without a 201: {dict(refused)}")
    await wait_count(client, waiting, len(made), timeout=300 + n)
    return time.perf_counter() - t0


def memory() -> dict[str, int]:
    """PSS in bytes of what holds the journeys (this process's children: the stack)."""
    import os

    mine = descendants(os.getpid())
    server = [int(SERVER_PID.read_text())] if SERVER_PID.exists() else []
    return {"worker": total_pss(matching(mine, "workflows.worker")),
            "services": total_pss(matching(mine, "uvicorn --factory services.")),
            "temporal_server": total_pss(server), "postgresql": total_pss(named("postgres"))}


async def database_sizes() -> dict[str, int]:
    # The cluster's superuser: the services' roles may not read the Temporal databases' sizes.
    conn = await asyncpg.connect(host=local.setting("UIS_PG_HOST"), port=int(local.setting("UIS_PG_PORT")),
                                 user="postgres", database="postgres")
    try:
        names = [local.setting("UIS_TEST_DATABASE"), "temporal", "temporal_visibility"]
        sizes = await conn.fetch("SELECT datname, pg_database_size(datname) AS size FROM pg_database "
                                 "WHERE datname = ANY($1::text[])", names)
        return {("services" if r["datname"] == names[0] else r["datname"]): r["size"] for r in sizes}
    finally:
        await conn.close()


async def reads(url: str, paths: list[str], headers: dict[str, str], *, once: bool = False):  # noqa: ANN201
    """READS reads over ``paths`` after a warm-up, or (``once``) each path read once, cold."""
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=headers) as http:

        async def get(i: int) -> bool:
            return (await http.get(paths[i % len(paths)])).status_code == 200

        if once:
            return await load(get, len(paths), READ_CONCURRENCY)
        await load(get, 4 * READ_CONCURRENCY, READ_CONCURRENCY)
        return await load(get, READS, READ_CONCURRENCY)


async def month_boundary(client, task_queue: str, months: int) -> float:  # noqa: ANN001
    """``months`` BareMonth timers firing at one instant: seconds from it until all have run both activities."""
    batch = uuid.uuid4().hex[:8]
    lead = dt.timedelta(seconds=20 + months / 50)  # every one started before its timer fires
    wake_at = utc_now() + lead

    async def start(i: int) -> bool:
        await client.start_workflow("BareMonth", args=[f"{batch}-{i}", wake_at], id=f"scale-month-{batch}-{i}",
                                    task_queue=task_queue)
        return True

    await load(start, months, 32)
    done = f"TaskQueue = '{task_queue}' AND WorkflowId STARTS_WITH 'scale-month-{batch}' AND ExecutionStatus = 'Completed'"
    await asyncio.sleep(max(0.0, (wake_at - utc_now()).total_seconds()))
    t0 = time.perf_counter()
    await wait_count(client, done, months, timeout=600 + months)
    return time.perf_counter() - t0


def terminate(task_queue: str) -> None:
    """One server-side batch job ends every journey of the run."""
    subprocess.run(
        [str(ROOT / ".tools" / "bin" / "temporal"), "workflow", "terminate", "--address", ENGINES[ENGINE],
         "--namespace", "uis-test", "--query", f"TaskQueue = '{task_queue}' AND ExecutionStatus = 'Running'",
         "--reason", "scale run over", "--rps", "500", "--yes"],
        check=False, capture_output=True,
    )


async def measure_size(size: int, step_s: float, step_n: int, made: list[str], urls: dict[str, str],
                       client, bare_queue: str, months: int) -> dict:  # noqa: ANN001
    sample = random.sample(made, min(200, len(made)))
    paths = [f"/unemployment-registrations/{r}/journey" for r in sample]
    # First looks (each journey's state read from its workflow), then looks again (stored state).
    first_view = await reads(urls["registration"], paths, CASE_MANAGER, once=True)
    view = await reads(urls["registration"], paths, CASE_MANAGER)
    with uvicorn_app("benchmarks.bare_app:create_app", {"BARE_DATABASE_URL": local.database_url(
            "registration", local.setting("UIS_TEST_DATABASE")), "BARE_TABLE": "unemployment_registrations"}) as bare:
        bare_view = await reads(bare, [f"/rows/{r}" for r in sample], {})
    month_s = await month_boundary(client, bare_queue, months)
    return {"journeys": size, "step_journeys": step_n, "start_s": round(step_s, 1),
            "start_per_s": round(step_n / step_s, 1), "memory_pss": memory(), "database_bytes": await database_sizes(),
            "journey_view_first": first_view.figures(), "journey_view": view.figures(), "journey_view_bare": bare_view.figures(),
            "month_boundary": {"months": months, "seconds": round(month_s, 2), "months_per_s": round(months / month_s, 1),
                               "extrapolated_100k_s": round(month_s / months * PROVINCE_MONTHS)}}


async def run(sizes: list[int], months: int) -> list[dict]:
    migrate()
    measured: list[dict] = []
    made: list[str] = []
    with stack(ENGINE) as (urls, task_queue), bare_worker(ENGINE) as bare_queue:
        client = await temporal(ENGINE)
        waiting = f"TaskQueue = '{task_queue}' AND JourneyStage = 'claim_review'"
        try:
            async with httpx.AsyncClient(base_url=urls["registration"], timeout=120,
                                         headers=auth("service_point", "430102")) as http:
                for size in sizes:
                    step_n = size - len(made)
                    step_s = await start_journeys(http, client, waiting, made, step_n)
                    measured.append(await measure_size(len(made), step_s, step_n, made, urls, client, bare_queue, months))
                    print_size(measured[-1])
                    save(measured, months)
        finally:
            terminate(task_queue)
    return measured


MIB = 1024 * 1024


def print_size(m: dict) -> None:
    mem, db, v, b, mb = m["memory_pss"], m["database_bytes"], m["journey_view"], m["journey_view_bare"], m["month_boundary"]
    print(f"\n{m['journeys']:>7,} journeys asleep: +{m['step_journeys']:,} started in {m['start_s']} s ({m['start_per_s']}/s)")
    print("  PSS MiB: " + "  ".join(f"{k} {v_ / MIB:.0f}" for k, v_ in mem.items()))
    print("  DB MiB:  " + "  ".join(f"{k} {v_ / MIB:.0f}" for k, v_ in db.items()))
    first = m.get("journey_view_first")
    if first:
        print(f"  journey view, first looks: p50 {first['p50_ms']} ms p99 {first['p99_ms']} ms ({first['req_per_s']} req/s)")
    print(f"  journey view p50 {v['p50_ms']} ms p99 {v['p99_ms']} ms ({v['req_per_s']} req/s); "
          f"bare p99 {b['p99_ms']} ms ({b['req_per_s']} req/s)")
    print(f"  month boundary (bare, {mb['months']}): {mb['seconds']} s, {mb['months_per_s']} months/s, "
          f"100,000 in ~{mb['extrapolated_100k_s'] / 60:.1f} min")


def growth(measured: list[dict]) -> list[dict]:
    """The cost per journey of each step: what the step's journeys added, divided by their number."""
    curve, before = [], None
    for m in measured:
        held = sum(m["memory_pss"].values()), sum(m["database_bytes"].values())
        step = {"journeys": m["journeys"], "start_ms_per_journey": round(m["start_s"] / m["step_journeys"] * 1000, 1)}
        if before is not None:
            added = m["journeys"] - before["journeys"]
            step["pss_kib_per_journey"] = round((held[0] - before["held"][0]) / added / 1024, 1)
            step["db_kib_per_journey"] = round((held[1] - before["held"][1]) / added / 1024, 1)
        curve.append(step)
        before = {"journeys": m["journeys"], "held": held}
    return curve


def save(measured: list[dict], months: int) -> None:
    rows = [Row("scale", f"{m['journeys']:,} journeys asleep", ENGINE,
                f"start {m['start_per_s']}/s, view p99 {m['journey_view']['p99_ms']} ms",
                f"view p99 {m['journey_view_bare']['p99_ms']} ms",
                round(m["journey_view"]["req_per_s"] / m["journey_view_bare"]["req_per_s"], 3), m) for m in measured]
    write_json("scale", rows, sizes=[m["journeys"] for m in measured], bare_months=months, growth=growth(measured))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="journeys held, comma-separated, growing")
    parser.add_argument("--months", type=int, default=1000, help="bare month-boundary workflows per size")
    args = parser.parse_args()
    if not engine_up(ENGINE):
        raise SystemExit(f"the server engine is not running at {ENGINES[ENGINE]}: scripts/temporal-server.sh start")
    measured = asyncio.run(run(sorted(int(s) for s in args.sizes.split(",")), args.months))
    print("\ngrowth curve (cost per journey of each step):")
    for step in growth(measured):
        print("  " + "  ".join(f"{k} {v}" for k, v in step.items()))


if __name__ == "__main__":
    main()
