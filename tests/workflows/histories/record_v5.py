"""Records the golden history of ClaimantJourney v5 (R-APPEAL-1, R-NOTICE-1) on the time-skipping
server:

- ``claimant_journey_v5_appeal_revoked.json``: the claim rejected; the rejection's delivery moves
  the appeal window; a reconsideration lodged; three months later the rejection revoked: months 1–4
  paid at once as arrears (benefit and medical premium), the job seeker registered, month 5 on its
  timer; then a placement stops the benefit and closes the registration.

    .venv/bin/python tests/workflows/histories/record_v5.py tests/workflows/histories

Record a new history like this whenever a released version of the workflow changes (behind
workflow.patched()); test_replay.py replays every history in this folder."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from temporalio.worker import Worker  # noqa: E402

from contracts.appeals import AppealDecided, AppealLodged, RejectionDelivered  # noqa: E402
from contracts.calendar import add_months  # noqa: E402
from contracts.journey import ClaimantJourneyInput, ClaimDecided, PlacementRecorded  # noqa: E402
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
            decided_at = await env.get_current_time()
            await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, False, decided_at=decided_at))
            await env.sleep(dt.timedelta(days=3))
            delivered = START + dt.timedelta(days=3)
            await handle.signal(ClaimantJourney.rejection_delivered, RejectionDelivered(fake.claim_id, "notice-v5", delivered, True))
            await env.sleep(dt.timedelta(days=20))
            lodged = AppealLodged("appeal-v5", fake.claim_id, "notice-v5", "claim_rejected", "reconsideration", delivered)
            await handle.signal(ClaimantJourney.appeal_lodged, lodged)
            await env.sleep(dt.timedelta(days=90))
            revoked_on = add_months(START, 3) + dt.timedelta(days=20)
            await handle.signal(ClaimantJourney.appeal_decided, AppealDecided(
                "appeal-v5", fake.claim_id, "claim_rejected", "revoked", revoked_on, revoked_on,
                entitlement_months=12, benefit_start_date=START,
            ))
            await env.sleep(dt.timedelta(days=15))
            await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-v5", add_months(START, 4) + dt.timedelta(days=5)))
            print(await handle.result(), fake.payments, fake.closed_registrations)
            (folder / "claimant_journey_v5_appeal_revoked.json").write_text((await handle.fetch_history()).to_json())
    finally:
        await env.shutdown()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
