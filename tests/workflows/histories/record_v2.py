"""Records the golden history of ClaimantJourney v2 (monthly reports, medical premium, training
subsidy, re-employment) on the time-skipping server:

    .venv/bin/python tests/workflows/histories/record_v2.py tests/workflows/histories/claimant_journey_v2_reports_premium_subsidy.json

Record a new history like this whenever a released version of the workflow changes (behind
workflow.patched()); test_replay.py replays every history in this folder."""
import asyncio, datetime as dt, sys
from pathlib import Path
from decimal import Decimal
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker
from tests.workflows.fakes import FakeServices
from workflows.journey import ClaimantJourney
from contracts.journey import (
    ClaimDecided,
    ClaimantJourneyInput,
    JobSearchReported,
    PlacementRecorded,
    TrainingCompleted,
)
from workflows.search_attributes import register_search_attributes

async def main():
    env = await WorkflowEnvironment.start_time_skipping(data_converter=pydantic_data_converter, test_server_existing_path=".tools/bin/temporal-test-server")
    await register_search_attributes(env.client)
    fake = FakeServices()
    fake.claim_id = "00000000-0000-4000-8000-0000000000c2"
    async with Worker(env.client, task_queue="golden", workflows=[ClaimantJourney], activities=fake.all()):
        reg = "00000000-0000-4000-8000-0000000000a2"
        start = dt.date(2026, 3, 31)
        handle = await env.client.start_workflow(ClaimantJourney.run, ClaimantJourneyInput(reg, "430102", start), id=f"claimant-journey-{reg}", task_queue="golden")
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12, None, start))
        await handle.signal(ClaimantJourney.job_search_reported, JobSearchReported("r-2026-03", "2026-03", start))
        await env.sleep(dt.timedelta(days=45))
        await handle.signal(ClaimantJourney.training_completed, TrainingCompleted("e-1", "c-1", "焊工", "4", Decimal("1500.00")))
        await env.sleep(dt.timedelta(days=1))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("00000000-0000-4000-8000-0000000000b2", dt.date(2026, 5, 20)))
        print(await handle.result())
        history = await handle.fetch_history()
        open(sys.argv[1], "w").write(history.to_json())
    await env.shutdown()
asyncio.run(main())
