"""Reads a journey's live state from its workflow (query) and Temporal (status)."""

from __future__ import annotations

import uuid

import asyncpg
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from services.registration.journey.schemas import JourneyRead, JourneyStepRead
from services.registration.unemployment.service import get_visible
from shared.auth import Principal
from shared.errors import DomainError
from workflows.messages import QUERY_STATE, JourneyState


async def get_journey(
    conn: asyncpg.Connection, temporal: Client, principal: Principal, registration_id: uuid.UUID
) -> JourneyRead:
    row = await get_visible(conn, principal, registration_id)
    workflow_id = row["journey_workflow_id"]
    handle = temporal.get_workflow_handle(workflow_id)
    try:
        description = await handle.describe()
        state = await handle.query(QUERY_STATE, result_type=JourneyState)
    except RPCError as exc:
        if exc.status != RPCStatusCode.NOT_FOUND:
            raise DomainError(
                "workflow_service_unavailable", "流程服务暂时不可用, 请稍后重试", status_code=503
            ) from None
        # The start is still queued in the outbox (Temporal was unreachable at registration).
        return JourneyRead(
            registration_id=registration_id,
            workflow_id=workflow_id,
            status="NOT_STARTED",
            stage=None,
            claim_id=None,
            job_seeker_id=None,
            entitlement_months=0,
            months_paid=0,
            review_overdue=False,
            steps=[],
        )
    return JourneyRead(
        registration_id=registration_id,
        workflow_id=workflow_id,
        status=description.status.name if description.status else "UNKNOWN",
        stage=state.stage,
        claim_id=state.claim_id,
        job_seeker_id=state.job_seeker_id,
        entitlement_months=state.entitlement_months,
        months_paid=state.months_paid,
        review_overdue=state.review_overdue,
        reported_months=state.reported_months,
        stop_proposed=state.stop_proposed,
        steps=[
            JourneyStepRead(at=s.at, stage=s.stage, event=s.event, detail=s.detail)
            for s in state.steps
        ],
    )
