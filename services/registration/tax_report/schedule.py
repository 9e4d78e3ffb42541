"""The Temporal Schedule that produces the monthly tax-authority report.

    python -m services.registration.tax_report.schedule   # create, or update to this definition

Runs at 02:00 China time on the 2nd of each month (the month before is finished by then) and
starts ``TaxReportMonthly``; a run still going when the next is due is skipped, a missed run is
caught up within a week. Idempotent: the service keeps one report per month.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

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

from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from workflows.employer_review import TAX_REPORT_WORKFLOW_TYPE

SCHEDULE_ID = "tax-report-monthly"
CRON = "0 2 2 * *"
TIME_ZONE = "Asia/Shanghai"
log = logging.getLogger("uis.tax_report")


def tax_report_schedule(task_queue: str, workflow_id: str = "tax-report-monthly-run") -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(TAX_REPORT_WORKFLOW_TYPE, id=workflow_id, task_queue=task_queue),
        spec=ScheduleSpec(cron_expressions=[CRON], time_zone_name=TIME_ZONE),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=dt.timedelta(days=7)),
    )


async def ensure_schedule(client: Client, task_queue: str, schedule_id: str = SCHEDULE_ID) -> None:
    schedule = tax_report_schedule(task_queue, workflow_id=f"{schedule_id}-run")
    try:
        await client.create_schedule(schedule_id, schedule)
        log.info("schedule %s created", schedule_id)
    except ScheduleAlreadyRunningError:

        def update(_: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=schedule)

        await client.get_schedule_handle(schedule_id).update(update)
        log.info("schedule %s updated", schedule_id)


async def main() -> None:
    logging.basicConfig(level="INFO", format="%(message)s")
    settings = CommonSettings()
    client = await connect_temporal(settings)
    await ensure_schedule(client, settings.task_queue)


if __name__ == "__main__":
    asyncio.run(main())
