"""Records the golden histories of ClaimantJourney with the one-time notice of missing documents
(R-RFI-1, patch ``r-rfi-1-document-requests``) on the time-skipping server:

- ``claimant_journey_rfi_closed_incomplete.json``: documents asked for, none came; at the supply
  deadline the claim is closed as incomplete and the 失业登记 closes (claim_incomplete);
- ``claimant_journey_rfi_received_approved.json``: documents asked for and received (the review
  deadline moves to the receipt + 10 days), the claim approved, month 1 paid, a placement.

    .venv/bin/python tests/workflows/histories/record_rfi.py tests/workflows/histories

test_replay.py replays every history in this folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from temporalio.worker import Worker  # noqa: E402

from contracts.claim_review import DocumentsReceived, DocumentsRequested  # noqa: E402
from contracts.journey import ClaimDecided, ClaimantJourneyInput, PlacementRecorded  # noqa: E402
from shared.clock import china_date  # noqa: E402
from tests.time_skipping import start_time_skipping_server  # noqa: E402
from tests.workflows.test_journey_review import FakeReviewServices  # noqa: E402
from workflows.journey import ClaimantJourney  # noqa: E402

REQUEST_ID = "00000000-0000-4000-8000-0000000000d5"


async def record(env, registration_id: str, received: bool, out: Path) -> None:  # noqa: ANN001
    fake = FakeReviewServices()
    fake.claim_id = "00000000-0000-4000-8000-0000000000c5"
    start = china_date(await env.get_current_time())  # the server's time goes on between recordings
    async with Worker(env.client, task_queue="golden", workflows=[ClaimantJourney], activities=fake.all()):
        handle = await env.client.start_workflow(
            ClaimantJourney.run,
            ClaimantJourneyInput(registration_id, "430102", start),
            id=f"claimant-journey-{registration_id}",
            task_queue="golden",
        )
        await env.sleep(dt.timedelta(days=2))
        now = await env.get_current_time()
        await handle.signal(
            ClaimantJourney.documents_requested, DocumentsRequested(fake.claim_id, REQUEST_ID, now, start + dt.timedelta(days=32))
        )
        if received:
            await env.sleep(dt.timedelta(days=12))
            now = await env.get_current_time()
            await handle.signal(
                ClaimantJourney.documents_received,
                DocumentsReceived(fake.claim_id, REQUEST_ID, now, now + dt.timedelta(days=10)),
            )
            await env.sleep(dt.timedelta(days=3))
            await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12, None, start))
            await env.sleep(dt.timedelta(days=2))
            await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-rfi", start + dt.timedelta(days=20)))
        print(await handle.result(), fake.closures, fake.closed_registrations)
        out.write_text((await handle.fetch_history()).to_json())


async def main(folder: Path) -> None:
    env = await start_time_skipping_server()
    try:
        await record(env, "00000000-0000-4000-8000-0000000000a5", False, folder / "claimant_journey_rfi_closed_incomplete.json")
        await record(env, "00000000-0000-4000-8000-0000000000b5", True, folder / "claimant_journey_rfi_received_approved.json")
    finally:
        await env.shutdown()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
