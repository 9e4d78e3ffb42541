"""B6 footprint (issue 13 item 2): the events and bytes (JSON) of a whole 12-month ClaimantJourney
history — approved for 12 months (R-DUR-1), every month's job-search report in during its
month (R-MON-1), every month paid with its premium (R-PAY-1, R-MED-1) until the entitlement is
used up — driven on the time-skipping test server against the fake services the workflow tests
use (tests/workflows/fakes.py), and its replay time (temporalio.worker.Replayer, sandboxed as
the worker runs it) against a no-op workflow's replay:

    .venv/bin/python benchmarks/footprint.py                  # 20 replays each
    .venv/bin/python benchmarks/footprint.py --replays 50

Needs no running engine (.tools/bin/temporal-test-server). Goal: ≤ 2,000 events; replay ≤ 2× the
no-op's. Writes .tools/bench/footprint.json. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from harness import ROOT, Row, print_rows, write_json

from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from benchmarks.bare_workflows import BareNoop
from contracts.calendar import add_months
from contracts.journey import ClaimDecided
from tests.workflows.fakes import FakeServices
from tests.workflows.test_claimant_journey import report, running_journey
from workflows.journey import ClaimantJourney
from workflows.search_attributes import register_search_attributes

MONTHS = 12


async def twelve_months(env: WorkflowEnvironment) -> WorkflowHistory:
    """As tests/workflows/test_claimant_journey.py's full entitlement: registered today (the
    server's China date), approved, each month's report in."""
    fake = FakeServices()
    async with running_journey(env, fake) as (handle, start):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, MONTHS))
        for month in range(MONTHS - 1):
            await report(handle, add_months(start, month))
        await handle.result()
        return await handle.fetch_history()


async def noop(env: WorkflowEnvironment) -> WorkflowHistory:
    async with Worker(env.client, task_queue="bench-noop", workflows=[BareNoop]):
        handle = await env.client.start_workflow(BareNoop.run, "noop", id="bench-noop", task_queue="bench-noop")
        await handle.result()
        return await handle.fetch_history()


async def replay_seconds(workflow: type, history: WorkflowHistory, replays: int) -> float:
    """The median time of one replay, the replayer made once (as a worker is)."""
    replayer = Replayer(workflows=[workflow], data_converter=pydantic_data_converter)
    await replayer.replay_workflow(history)  # warm up (imports)
    times = []
    for _ in range(replays):
        t0 = time.perf_counter()
        await replayer.replay_workflow(history)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


async def run(replays: int) -> list[Row]:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter, test_server_existing_path=str(ROOT / ".tools/bin/temporal-test-server"),
    )
    try:
        await register_search_attributes(env.client)
        journey, bare = await twelve_months(env), await noop(env)
    finally:
        await env.shutdown()
    sizes = {name: (len(h.events), len(h.to_json().encode())) for name, h in (("journey", journey), ("noop", bare))}
    journey_s, noop_s = await replay_seconds(ClaimantJourney, journey, replays), await replay_seconds(BareNoop, bare, replays)
    (events, size), (noop_events, noop_size) = sizes["journey"], sizes["noop"]
    return [
        Row("B6", f"{MONTHS}-month journey history", "-", f"{events} events  {size / 1024:.1f} KB",
            f"{noop_events} events  {noop_size / 1024:.1f} KB (no-op)", None,
            {"events": events, "bytes": size, "noop_events": noop_events, "noop_bytes": noop_size}),
        Row("B6", f"replay of the {MONTHS}-month history", "-", f"{journey_s * 1000:.1f} ms per replay",
            f"{noop_s * 1000:.1f} ms (no-op replay)", round(noop_s / journey_s, 3),
            {"journey_ms": round(journey_s * 1000, 2), "noop_ms": round(noop_s * 1000, 2), "replays": replays,
             "times_noop": round(journey_s / noop_s, 2)}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replays", type=int, default=20)
    args = parser.parse_args()
    rows = asyncio.run(run(args.replays))
    print_rows(rows)
    print(f"  replay: {rows[1].detail['times_noop']}× the no-op's (goal ≤ 2×); events: goal ≤ 2,000")
    write_json("footprint", rows, replays=args.replays)


if __name__ == "__main__":
    main()
