"""Records the golden history of ClaimantJourney with a closure as incomplete through its notice's
appeal window (R-RFI-1 with R-APPEAL-1, patch ``r-rfi-1-closure-appeal-window``) on the
time-skipping server:

- ``claimant_journey_rfi_closure_revoked.json``: documents asked for, none came; the claim closed
  as incomplete, its notice delivered (the window's timer moves), a reconsideration lodged and the
  closure revoked: the claim back in review, approved, months 1 and 2 paid, a placement.

    .venv/bin/python tests/workflows/histories/record_rfi_window.py tests/workflows/histories

test_replay.py replays every history in this folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from temporalio.worker import Worker  # noqa: E402

from contracts.appeals import AppealDecided, AppealLodged, RejectionDelivered  # noqa: E402
from contracts.claim_review import DocumentsRequested  # noqa: E402
from contracts.journey import ClaimDecided, ClaimantJourneyInput, PlacementRecorded  # noqa: E402
from shared.clock import china_date, start_of_china_day  # noqa: E402
from tests.time_skipping import start_time_skipping_server  # noqa: E402
from tests.workflows.test_journey_review import FakeReviewServices  # noqa: E402
from workflows.journey import ClaimantJourney  # noqa: E402

REGISTRATION_ID = "00000000-0000-4000-8000-0000000000a6"
REQUEST_ID = "00000000-0000-4000-8000-0000000000d6"
APPEAL_ID = "00000000-0000-4000-8000-0000000000e6"


async def record(env, out: Path) -> None:  # noqa: ANN001
    fake = FakeReviewServices()
    fake.claim_id = "00000000-0000-4000-8000-0000000000c6"
    start = china_date(await env.get_current_time())
    closed_on = start + dt.timedelta(days=6)
    async with Worker(env.client, task_queue="golden", workflows=[ClaimantJourney], activities=fake.all()):
        handle = await env.client.start_workflow(
            ClaimantJourney.run,
            ClaimantJourneyInput(REGISTRATION_ID, "430102", start),
            id=f"claimant-journey-{REGISTRATION_ID}",
            task_queue="golden",
        )
        now = await env.get_current_time()
        await handle.signal(ClaimantJourney.documents_requested, DocumentsRequested(fake.claim_id, REQUEST_ID, now, start + dt.timedelta(days=5)))
        await env.sleep(start_of_china_day(closed_on) + dt.timedelta(hours=9) - await env.get_current_time())
        delivered = RejectionDelivered(fake.claim_id, "notice-rfi-closure", closed_on, True, "claim_closed_incomplete")
        await handle.signal(ClaimantJourney.rejection_delivered, delivered)
        await env.sleep(dt.timedelta(days=3))
        lodged = AppealLodged(APPEAL_ID, fake.claim_id, "notice-rfi-closure", "claim_closed_incomplete", "reconsideration", closed_on)
        await handle.signal(ClaimantJourney.appeal_lodged, lodged)
        revoked_on = closed_on + dt.timedelta(days=30)
        await env.sleep(start_of_china_day(revoked_on) + dt.timedelta(hours=9) - await env.get_current_time())
        await handle.signal(ClaimantJourney.appeal_decided, AppealDecided(
            APPEAL_ID, fake.claim_id, "claim_closed_incomplete", "revoked", revoked_on, revoked_on,
            review_due_at=start_of_china_day(revoked_on) + dt.timedelta(days=10),
        ))
        await env.sleep(dt.timedelta(days=2))
        now = await env.get_current_time()
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12, now, start))
        await env.sleep(dt.timedelta(days=2))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-rfi-window", china_date(now)))
        print(await handle.result(), fake.closures, fake.paid_months, fake.closed_registrations)
        out.write_text((await handle.fetch_history()).to_json())


async def main(folder: Path) -> None:
    env = await start_time_skipping_server()
    try:
        await record(env, folder / "claimant_journey_rfi_closure_revoked.json")
    finally:
        await env.shutdown()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
