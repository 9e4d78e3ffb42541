"""Placement (再就业): recorded once per job seeker, and told to the claimant's journey."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import asyncpg

from services.employment.job_seekers import repository as job_seekers
from services.employment.job_seekers.service import get_visible
from services.employment.placements import repository
from services.employment.placements.schemas import PlacementCreate, PlacementRead
from shared.auth import Principal
from shared.errors import Conflict
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue
from workflows.ids import claimant_journey_id
from workflows.messages import SIGNAL_PLACEMENT_RECORDED


@dataclass
class Recorded:
    placement: PlacementRead
    created: bool


def _same(row: asyncpg.Record, data: PlacementCreate) -> bool:
    return (
        row["employer_name"] == data.employer_name
        and row["start_date"] == data.start_date
        and row["through_referral"] == data.through_referral
    )


async def record_placement(
    conn: asyncpg.Connection,
    principal: Principal,
    job_seeker_id: uuid.UUID,
    data: PlacementCreate,
    relay: OutboxRelay,
) -> Recorded:
    outbox_id = None
    async with conn.transaction():
        seeker = await get_visible(conn, principal, job_seeker_id, for_update=True)
        row, created = await repository.insert_once(
            conn,
            job_seeker_id=job_seeker_id,
            employer_name=data.employer_name,
            start_date=data.start_date,
            through_referral=data.through_referral,
            created_by=principal.subject,
        )
        if not created and not _same(row, data):
            raise Conflict("placement_exists", "该求职人员已登记再就业", "job_seeker_id")
        if created:
            await job_seekers.set_status(conn, job_seeker_id, "placed")
            # The journey stops benefit from the hire date (R-STOP-1); sent at most once in effect.
            outbox_id = await enqueue(
                conn,
                SignalWorkflow(
                    workflow_id=claimant_journey_id(seeker["registration_id"]),
                    signal=SIGNAL_PLACEMENT_RECORDED,
                    arg={"placement_id": str(row["id"]), "start_date": data.start_date.isoformat()},
                    event_key=str(row["id"]),
                ),
            )
    await relay.dispatch([outbox_id])
    return Recorded(PlacementRead(**dict(row)), created)
