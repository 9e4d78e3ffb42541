from __future__ import annotations

from fastapi import APIRouter, Query, Request

from services.registration.operations import service
from services.registration.operations.auth import FailingWorkflowReader, ScheduleReader
from services.registration.operations.schemas import FailingWorkflowsRead, ScheduleRead
from shared.inputs import District

router = APIRouter(prefix="/operations", tags=["operations"])


@router.get(
    "/workflows/failing",
    response_model=FailingWorkflowsRead,
    summary="活动重试中的流程: running journeys with a pending activity at attempt ≥ 2, with its last "
    "failure (Temporal describe of at most `limit` journeys, the most recently started)",
)
async def failing_workflows(
    request: Request,
    principal: FailingWorkflowReader,
    district: District | None = Query(None),
    limit: int = Query(50, ge=1, le=200, description="how many running journeys to describe"),
) -> FailingWorkflowsRead:
    return await service.failing_journeys(request.app.state.temporal, district=district, limit=limit)


@router.get(
    "/schedules",
    response_model=list[ScheduleRead],
    summary="定时任务: the Temporal Schedules, the workflow each starts, its next runs and last run",
)
async def list_schedules(request: Request, principal: ScheduleReader) -> list[ScheduleRead]:
    return await service.list_schedules(request.app.state.temporal)
