"""The monthly Schedule on the real Temporal dev server (the time-skipping server has no
Schedules): created with the right calendar and action, updated when run again."""

from __future__ import annotations

import uuid

from temporalio.client import ScheduleActionStartWorkflow

from services.registration.tax_report.schedule import CRON, TIME_ZONE, ensure_schedule
from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from workflows.employer_review import TAX_REPORT_WORKFLOW_TYPE, previous_month


async def test_the_schedule_is_created_and_then_updated_in_place() -> None:
    client = await connect_temporal(CommonSettings())
    schedule_id = f"test-tax-report-{uuid.uuid4()}"
    try:
        await ensure_schedule(client, "test-queue", schedule_id)
        await ensure_schedule(client, "test-queue-2", schedule_id)  # a second run updates

        described = await client.get_schedule_handle(schedule_id).describe()
        action = described.schedule.action
        assert isinstance(action, ScheduleActionStartWorkflow)
        assert action.workflow == TAX_REPORT_WORKFLOW_TYPE
        assert action.task_queue == "test-queue-2"
        spec = described.schedule.spec
        assert spec.time_zone_name == TIME_ZONE
        # The server may keep the cron as given or as its calendar form; either says day 2, 02:00.
        if spec.cron_expressions:
            assert spec.cron_expressions == [CRON]
        else:
            calendar = spec.calendars[0]
            assert (calendar.day_of_month[0].start, calendar.hour[0].start, calendar.minute[0].start) == (2, 2, 0)
        assert described.info.next_action_times, "the schedule has a next run"
        next_run = described.info.next_action_times[0]
        assert next_run.astimezone(__import__("zoneinfo").ZoneInfo(TIME_ZONE)).day == 2
    finally:
        await client.get_schedule_handle(schedule_id).delete()


def test_a_run_reports_the_finished_month_before() -> None:
    import datetime as dt

    assert previous_month(dt.date(2026, 11, 2)) == "2026-10"
    assert previous_month(dt.date(2027, 1, 2)) == "2026-12"
