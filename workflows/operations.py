"""Scheduled runs for operations: workflow code only (deterministic, no I/O)."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from shared.clock import china_date
    from workflows.service_calls import SERVICE_CALL
    from workflows.operations_activities import OperationsActivities, PreExpiryNoticesInput

PRE_EXPIRY_WORKFLOW_TYPE = "PreExpiryNoticesDaily"


@workflow.defn(name=PRE_EXPIRY_WORKFLOW_TYPE)
class PreExpiryNoticesDaily:
    """R-STOP-2: each day (by the Schedule), a notice for every claim whose last benefit month
    starts within a month. The benefits service creates each claim's notice once."""

    @workflow.run
    async def run(self) -> int:
        today = china_date(workflow.now())
        result = await workflow.execute_activity_method(
            OperationsActivities.run_pre_expiry_notices, PreExpiryNoticesInput(today), **SERVICE_CALL
        )
        return result.created
