"""The bare baseline workflows for B2, B3 and B6 (issue 13 item 2), and their worker as a process
like the project's (workflows/worker.py), sandboxed the same way:

    .venv/bin/python -m benchmarks.bare_workflows --address 127.0.0.1:7233 --task-queue bare-1

- BareJourney (B2): one no-op activity, the stage search attribute set, then a wait on a signal.
- BareMonth (B3): a timer to the month's first day, then two no-op activities (the benefit and
  the premium instruction).
- BareNoop (B6): returns at once; its history's replay is the floor of a replay.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from pathlib import Path

from temporalio import activity, workflow

with workflow.unsafe.imports_passed_through():
    from contracts.journey import STAGE_KEY

TIMEOUT = dt.timedelta(seconds=60)


@activity.defn(name="bare_noop")
async def bare_noop(key: str) -> str:
    return key


@workflow.defn(name="BareJourney")
class BareJourney:
    def __init__(self) -> None:
        self._released = False

    @workflow.run
    async def run(self, key: str) -> str:
        await workflow.execute_activity(bare_noop, key, start_to_close_timeout=TIMEOUT)
        workflow.upsert_search_attributes([STAGE_KEY.value_set("bare_waiting")])
        await workflow.wait_condition(lambda: self._released)
        return key

    @workflow.signal
    def release(self) -> None:
        self._released = True


@workflow.defn(name="BareMonth")
class BareMonth:
    @workflow.run
    async def run(self, key: str, wake_at: dt.datetime) -> str:
        await workflow.sleep(max(dt.timedelta(0), wake_at - workflow.now()))
        await workflow.execute_activity(bare_noop, f"{key}:benefit", start_to_close_timeout=TIMEOUT)
        await workflow.execute_activity(bare_noop, f"{key}:premium", start_to_close_timeout=TIMEOUT)
        return key


@workflow.defn(name="BareNoop")
class BareNoop:
    @workflow.run
    async def run(self, key: str) -> str:
        return key


WORKFLOWS = [BareJourney, BareMonth, BareNoop]


async def serve(address: str, task_queue: str, namespace: str) -> None:
    from temporalio.client import Client
    from temporalio.contrib.pydantic import pydantic_data_converter
    from temporalio.worker import Worker

    client = await Client.connect(address, namespace=namespace, data_converter=pydantic_data_converter)
    worker = Worker(client, task_queue=task_queue, workflows=WORKFLOWS, activities=[bare_noop])
    await worker.run()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--task-queue", required=True)
    parser.add_argument("--namespace", default="uis-test")
    args = parser.parse_args()
    asyncio.run(serve(args.address, args.task_queue, args.namespace))
