"""What a new workflow costs the worker's sandbox (issue 13 item 4): replays one golden history
of ClaimantJourney N times, each a new workflow run, so each re-imports the workflow module and
what it imports (workflows/*, contracts/*, shared.clock, pydantic models…) in a fresh sandbox.

    .venv/bin/python -m benchmarks.profiles.sandbox_start [N]

Run it with PYTHONDONTWRITEBYTECODE=1 (as these machines set it) before and after
`scripts/setup.sh` precompiled the bytecode: without .pyc files every import compiles source.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from workflows.journey import ClaimantJourney

HISTORY = Path(__file__).resolve().parents[2] / "tests/workflows/histories/claimant_journey_v1_reemployed.json"


async def _repeat(history: WorkflowHistory, n: int) -> AsyncIterator[WorkflowHistory]:
    for _ in range(n):
        yield history


async def main(n: int) -> None:
    history = WorkflowHistory.from_json("bench", HISTORY.read_text(encoding="utf-8"))
    replayer = Replayer(workflows=[ClaimantJourney], data_converter=pydantic_data_converter)
    await replayer.replay_workflow(history)  # warm-up: the first one loads the sandbox itself
    started = time.perf_counter()
    # One replay worker for all N runs, as one worker serves many new workflows.
    await replayer.replay_workflows(_repeat(history, n))
    per_run = (time.perf_counter() - started) / n * 1000
    print(f"sandbox: {n} new workflow runs (replays of {HISTORY.name}): {per_run:.1f} ms each", flush=True)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
