"""The review of a registration under way: the deadline workflow's escalations as the service
records them, and its live state read from Temporal for operations."""

from __future__ import annotations

import uuid

import asyncpg
from temporalio.client import Client

from services.registration.audit import service as audit
from services.registration.employers import access, repository
from services.registration.employers.schemas import EmployerRead, ReviewEscalationCreate, ReviewRead
from services.registration.employers.service import to_read
from shared.auth import Principal
from shared.temporal import read_workflow
from contracts.employer_review import EmployerReviewState, QUERY_EMPLOYER_REVIEW_STATE


async def escalate(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, data: ReviewEscalationCreate
) -> EmployerRead:
    """The deadline workflow's warning / overdue escalation; repeating it changes nothing."""
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        if data.level == "warning":
            changed = await repository.mark_review_warned(conn, employer_id)
        else:
            changed = await repository.mark_review_overdue(conn, employer_id)
        after = await repository.get(conn, employer_id)
        if changed:
            await audit.record(
                conn, principal, entity_type="employer", entity_id=employer_id,
                action=f"review_{data.level}", before={"review_overdue": row["review_overdue"]},
                after={"review_overdue": after["review_overdue"], "review_due_on": data.due_on},
            )
    return to_read(after, principal)


async def review_state(
    conn: asyncpg.Connection, temporal: Client, principal: Principal, employer_id: uuid.UUID
) -> ReviewRead:
    row = await access.visible_employer(conn, principal, employer_id)
    workflow_id = row["review_workflow_id"]
    base = {"employer_id": employer_id, "workflow_id": workflow_id, "review_due_on": row["review_due_on"]}
    if workflow_id is None:
        return ReviewRead(**base, status="NOT_ACCEPTED")
    view = await read_workflow(temporal, workflow_id, QUERY_EMPLOYER_REVIEW_STATE, EmployerReviewState)
    if view is None:
        # The start is still queued in the outbox (Temporal was unreachable at acceptance).
        return ReviewRead(**base, status="NOT_STARTED")
    state = view.state
    return ReviewRead(
        **base, status=view.status, warned=state.warned, overdue=state.overdue, decided=state.decided,
        approved=state.approved,
    )
