"""Records the golden history of ClaimantJourney with a corrected decision (R-CORR-1) on the
time-skipping server:

- ``claimant_journey_corrections_months.json``: claim approved for 1 month, then corrected to 2
  months (signal decision_corrected, patch r-corr-1-decision-corrected); the person reports, month
  2 is paid, and the entitlement runs out after the corrected months.

    .venv/bin/python tests/workflows/histories/record_corrections.py tests/workflows/histories

test_replay.py replays every history in this folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from temporalio.worker import Worker  # noqa: E402

from contracts.corrections import DecisionCorrected  # noqa: E402
from contracts.journey import ClaimDecided, ClaimantJourneyInput, JobSearchReported  # noqa: E402
from tests.time_skipping import start_time_skipping_server  # noqa: E402
from tests.workflows.fakes import FakeServices  # noqa: E402
from workflows.journey import ClaimantJourney  # noqa: E402

START = dt.date(2026, 12, 2)


async def main(folder: Path) -> None:
    env = await start_time_skipping_server()
    try:
        fake = FakeServices()
        fake.claim_id = "00000000-0000-4000-8000-0000000000c5"
        registration_id = "00000000-0000-4000-8000-0000000000a5"
        async with Worker(env.client, task_queue="golden", workflows=[ClaimantJourney], activities=fake.all()):
            handle = await env.client.start_workflow(
                ClaimantJourney.run,
                ClaimantJourneyInput(registration_id, "430102", START),
                id=f"claimant-journey-{registration_id}",
                task_queue="golden",
            )
            await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 1, None, START))
            await env.sleep(dt.timedelta(days=3))
            corrected = DecisionCorrected(fake.claim_id, "correction-golden", 2, Decimal("1800.00"), START)
            await handle.signal(ClaimantJourney.decision_corrected, corrected)
            await handle.signal(ClaimantJourney.job_search_reported, JobSearchReported("report-2026-12", "2026-12", START))
            print(await handle.result(), fake.paid_months)
            (folder / "claimant_journey_corrections_months.json").write_text((await handle.fetch_history()).to_json())
    finally:
        await env.shutdown()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
