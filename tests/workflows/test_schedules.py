"""The Schedules on the real Temporal dev server (the time-skipping server has no Schedules):
created with the right calendar and action, updated in place when run again."""

from __future__ import annotations

import dataclasses
import uuid
import zoneinfo

import pytest
from temporalio.client import ScheduleActionStartWorkflow

from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from contracts.operations import TAX_REPORT_WORKFLOW_TYPE
from workflows.employer_review import previous_month
from contracts.operations import PRE_EXPIRY_WORKFLOW_TYPE
from workflows.schedules import PRE_EXPIRY_NOTICES, TAX_REPORT, TIME_ZONE, ScheduledRun, ensure_schedule


@pytest.mark.parametrize(
    ("run", "workflow_type", "hour", "day_of_month"),
    [(TAX_REPORT, TAX_REPORT_WORKFLOW_TYPE, 2, 2), (PRE_EXPIRY_NOTICES, PRE_EXPIRY_WORKFLOW_TYPE, 6, None)],
    ids=["tax-report", "pre-expiry"],
)
async def test_a_schedule_is_created_and_then_updated_in_place(
    run: ScheduledRun, workflow_type: str, hour: int, day_of_month: int | None
) -> None:
    client = await connect_temporal(CommonSettings())
    run = dataclasses.replace(run, schedule_id=f"test-{run.schedule_id}-{uuid.uuid4()}")
    try:
        await ensure_schedule(client, run.schedule_id, run.schedule("test-queue"))
        await ensure_schedule(client, run.schedule_id, run.schedule("test-queue-2"))  # updates

        described = await client.get_schedule_handle(run.schedule_id).describe()
        action = described.schedule.action
        assert isinstance(action, ScheduleActionStartWorkflow)
        assert (action.workflow, action.task_queue) == (workflow_type, "test-queue-2")
        assert described.schedule.spec.time_zone_name == TIME_ZONE
        next_run = described.info.next_action_times[0].astimezone(zoneinfo.ZoneInfo(TIME_ZONE))
        assert (next_run.hour, next_run.minute) == (hour, 0)
        if day_of_month is not None:
            assert next_run.day == day_of_month
    finally:
        await client.get_schedule_handle(run.schedule_id).delete()


def test_a_tax_report_run_reports_the_finished_month_before() -> None:
    import datetime as dt

    assert previous_month(dt.date(2026, 11, 2)) == "2026-10"
    assert previous_month(dt.date(2027, 1, 2)) == "2026-12"


async def test_the_worker_keeps_trying_to_create_the_schedules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 9: creating the Schedules never aborts a start; the worker retries until it works."""
    from tenacity import wait_none

    from workflows import schedules

    attempts: list[str] = []

    async def flaky(client, task_queue: str) -> None:  # noqa: ANN001
        attempts.append(task_queue)
        if len(attempts) < 3:
            raise RuntimeError("temporal not ready")

    monkeypatch.setattr(schedules, "ensure_all", flaky)
    await schedules.ensure_schedules(None, CommonSettings(), wait=wait_none())  # type: ignore[arg-type]
    assert len(attempts) == 3
