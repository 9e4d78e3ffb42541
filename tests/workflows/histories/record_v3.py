"""Records the golden history of ClaimantJourney v3 (a month withheld for a missing report, the
missed-report rule read, the report late, the entitlement used up, the employment service told)
on the time-skipping server:

    .venv/bin/python tests/workflows/histories/record_v3.py tests/workflows/histories/claimant_journey_v3_withheld_exhausted.json

Record a new history like this whenever a released version of the workflow changes (behind
workflow.patched()); test_replay.py replays every history in this folder."""
import asyncio, datetime as dt, sys
from pathlib import Path
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
)
from workflows.search_attributes import register_search_attributes

async def main():
    env = await WorkflowEnvironment.start_time_skipping(data_converter=pydantic_data_converter, test_server_existing_path=".tools/bin/temporal-test-server")
    await register_search_attributes(env.client)
    fake = FakeServices()
    fake.claim_id = "00000000-0000-4000-8000-0000000000c3"
    fake.termination_months = 3
    async with Worker(env.client, task_queue="golden", workflows=[ClaimantJourney], activities=fake.all()):
        reg = "00000000-0000-4000-8000-0000000000a3"
        start = dt.date(2026, 3, 31)
        handle = await env.client.start_workflow(ClaimantJourney.run, ClaimantJourneyInput(reg, "430102", start), id=f"claimant-journey-{reg}", task_queue="golden")
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 3, None, start))
        await env.sleep(dt.timedelta(days=40))  # month 2 withheld: no report for 2026-03
        await handle.signal(ClaimantJourney.job_search_reported, JobSearchReported("r-2026-03", "2026-03", dt.date(2026, 5, 10)))
        await handle.signal(ClaimantJourney.job_search_reported, JobSearchReported("r-2026-04", "2026-04", dt.date(2026, 5, 10)))
        print(await handle.result(), fake.benefit_ends)
        history = await handle.fetch_history()
        open(sys.argv[1], "w").write(history.to_json())
    await env.shutdown()
asyncio.run(main())
