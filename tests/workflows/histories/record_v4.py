"""Records the golden histories of ClaimantJourney v4 (R-SPELL-1) on the time-skipping server:

- ``claimant_journey_v4_spell_closed.json``: claim approved, month 1 paid, a placement; the benefit
  stops and the journey closes the 失业登记 on the hire date;
- ``claimant_journey_v4_residence.json``: a residence registration (no insured separation): no
  claim, a job seeker without benefit, a placement that closes the registration.

    .venv/bin/python tests/workflows/histories/record_v4.py tests/workflows/histories

Record a new history like this whenever a released version of the workflow changes (behind
workflow.patched()); test_replay.py replays every history in this folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from temporalio.worker import Worker  # noqa: E402

from tests.time_skipping import start_time_skipping_server  # noqa: E402
from tests.workflows.fakes import FakeServices  # noqa: E402
from workflows.journey import ClaimantJourney  # noqa: E402
from contracts.journey import ClaimDecided, ClaimantJourneyInput, PlacementRecorded

START = dt.date(2026, 12, 2)


async def record(env, fake: FakeServices, registration_id: str, insured: bool, out: Path) -> None:  # noqa: ANN001
    async with Worker(env.client, task_queue="golden", workflows=[ClaimantJourney], activities=fake.all()):
        handle = await env.client.start_workflow(
            ClaimantJourney.run,
            ClaimantJourneyInput(registration_id, "430102", START, insured_separation=insured),
            id=f"claimant-journey-{registration_id}",
            task_queue="golden",
        )
        if insured:
            await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12, None, START))
        await env.sleep(dt.timedelta(days=12))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-v4", START + dt.timedelta(days=14)))
        print(await handle.result(), fake.closed_registrations)
        out.write_text((await handle.fetch_history()).to_json())


async def main(folder: Path) -> None:
    env = await start_time_skipping_server()
    try:
        fake = FakeServices()
        fake.claim_id = "00000000-0000-4000-8000-0000000000c4"
        await record(env, fake, "00000000-0000-4000-8000-0000000000a4", True, folder / "claimant_journey_v4_spell_closed.json")
        await record(env, FakeServices(), "00000000-0000-4000-8000-0000000000b4", False, folder / "claimant_journey_v4_residence.json")
    finally:
        await env.shutdown()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
