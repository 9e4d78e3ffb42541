"""The Temporal Schedules of the system, created or updated to these definitions (idempotent),
by the worker when it starts (retried until Temporal takes them: a start never aborts on it), or
by hand:

    python -m workflows.schedules

- ``tax-report-monthly``: 02:00 China time on the 2nd, ``TaxReportMonthly`` keeps the previous
  month's report to the tax authority (the month before is finished by then);
- ``pre-expiry-notices-daily``: 06:00 China time, ``PreExpiryNoticesDaily`` (R-STOP-2).

A run still going when the next is due is skipped; missed runs are caught up within the window.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)

from tenacity import AsyncRetrying, wait_exponential
from tenacity.wait import wait_base

from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from contracts.operations import TAX_REPORT_WORKFLOW_TYPE
from contracts.operations import PRE_EXPIRY_WORKFLOW_TYPE

TIME_ZONE = "Asia/Shanghai"
log = logging.getLogger("uis.schedules")


@dataclass(frozen=True)
class ScheduledRun:
    schedule_id: str
    workflow_type: str
    cron: str
    catchup_window: dt.timedelta

    def schedule(self, task_queue: str) -> Schedule:
        return Schedule(
            action=ScheduleActionStartWorkflow(
                self.workflow_type, id=f"{self.schedule_id}-run", task_queue=task_queue
            ),
            spec=ScheduleSpec(cron_expressions=[self.cron], time_zone_name=TIME_ZONE),
            policy=SchedulePolicy(
                overlap=ScheduleOverlapPolicy.SKIP, catchup_window=self.catchup_window
            ),
        )


TAX_REPORT = ScheduledRun("tax-report-monthly", TAX_REPORT_WORKFLOW_TYPE, "0 2 2 * *", dt.timedelta(days=7))
PRE_EXPIRY_NOTICES = ScheduledRun(
    "pre-expiry-notices-daily", PRE_EXPIRY_WORKFLOW_TYPE, "0 6 * * *", dt.timedelta(days=1)
)
SCHEDULED_RUNS = (TAX_REPORT, PRE_EXPIRY_NOTICES)


async def ensure_schedule(client: Client, schedule_id: str, schedule: Schedule) -> None:
    try:
        await client.create_schedule(schedule_id, schedule)
        log.info("schedule %s created", schedule_id)
    except ScheduleAlreadyRunningError:

        def update(_: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=schedule)

        await client.get_schedule_handle(schedule_id).update(update)
        log.info("schedule %s updated", schedule_id)


async def ensure_all(client: Client, task_queue: str) -> None:
    for run in SCHEDULED_RUNS:
        await ensure_schedule(client, run.schedule_id, run.schedule(task_queue))


async def ensure_schedules(client: Client, settings: CommonSettings, *, wait: wait_base | None = None) -> None:
    """Create or update every Schedule, retried with a bounded backoff until Temporal answers."""
    retrying = AsyncRetrying(
        wait=wait or wait_exponential(multiplier=1, max=60),
        before_sleep=lambda state: log.warning(
            "schedules not created yet (attempt %d): %s", state.attempt_number,
            type(state.outcome.exception()).__name__ if state.outcome else "?",
        ),
    )
    async for attempt in retrying:
        with attempt:
            await ensure_all(client, settings.task_queue)
    log.info("schedules ensured on task queue %s", settings.task_queue)


async def main() -> None:
    logging.basicConfig(level="INFO", format="%(message)s")
    settings = CommonSettings()
    await ensure_all(await connect_temporal(settings), settings.task_queue)


if __name__ == "__main__":
    asyncio.run(main())
