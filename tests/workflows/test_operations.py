"""The daily pre-expiry notice run asks the benefits service for the China-time date of the run."""

from __future__ import annotations

import datetime as dt
import uuid

from temporalio import activity
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from shared.clock import CHINA_TZ
from workflows.operations import PreExpiryNoticesDaily
from workflows.operations_activities import PreExpiryNoticesInput, PreExpiryNoticesResult


async def test_the_daily_run_notices_as_of_today_in_china(time_skipping_env: WorkflowEnvironment) -> None:
    asked: list[dt.date] = []

    @activity.defn(name="run_pre_expiry_notices")
    async def run_pre_expiry_notices(input: PreExpiryNoticesInput) -> PreExpiryNoticesResult:
        asked.append(input.as_of)
        return PreExpiryNoticesResult(created=3)

    task_queue = f"ops-{uuid.uuid4()}"
    async with Worker(
        time_skipping_env.client,
        task_queue=task_queue,
        workflows=[PreExpiryNoticesDaily],
        activities=[run_pre_expiry_notices],
    ):
        started = await time_skipping_env.get_current_time()
        created = await time_skipping_env.client.execute_workflow(
            PreExpiryNoticesDaily.run, id=f"pre-expiry-{uuid.uuid4()}", task_queue=task_queue
        )

    assert created == 3
    assert asked == [started.astimezone(CHINA_TZ).date()]
