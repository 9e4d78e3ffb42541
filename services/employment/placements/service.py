"""Placement (再就业): recorded once per job seeker, and told to the claimant's journey.

Three sources: the desk (service point / case manager), a referral's hired outcome, and contribution
records that show a hire later (R-FRAUD-1: benefit paid after the start date is then recovered by
the benefits service after a human review).
"""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.journey import PLACEMENT_RECORDED, PlacementRecorded
from services.employment.job_seekers import repository as job_seekers
from services.employment.job_seekers.service import JOB_SEEKER_NOT_FOUND, get_visible, not_active
from services.employment.placements import repository
from services.employment.placements.schemas import ContributionPlacementCreate, PlacementCreate, PlacementRead
from services.employment.signals import signal_journey
from shared.auth import Principal
from shared.errors import Conflict
from shared.outbox import OutboxRelay
from shared.results import Written
from shared.validation import not_after

# A hire may be recorded up to a month before the person starts work.
HIRE_RECORDED_AHEAD_DAYS = 31


def _check_start_date(start_date: dt.date, today: dt.date) -> None:
    latest = today + dt.timedelta(days=HIRE_RECORDED_AHEAD_DAYS)
    not_after(start_date, latest, code="start_date_too_far", message="入职日期不能晚于今天起31天", field="start_date")


async def place_in_transaction(
    conn: asyncpg.Connection,
    seeker: asyncpg.Record,
    *,
    employer_name: str,
    start_date: dt.date,
    through_referral: bool,
    source: str,
    created_by: str,
    referral_id: uuid.UUID | None = None,
    employer_id: uuid.UUID | None = None,
    evidence_ref: str | None = None,
) -> Written[asyncpg.Record]:
    """Inside the caller's transaction, with the job seeker's row locked by the caller; the
    journey's signal in ``outbox_ids`` (none when the placement was there already)."""
    row, created = await repository.insert_once(
        conn,
        job_seeker_id=seeker["id"],
        employer_name=employer_name,
        start_date=start_date,
        through_referral=through_referral,
        source=source,
        referral_id=referral_id,
        employer_id=employer_id,
        evidence_ref=evidence_ref,
        created_by=created_by,
    )
    if not created:
        return Written(row, False)
    if seeker["status"] != "active":
        raise not_active(seeker)
    await job_seekers.set_status(conn, seeker["id"], "placed")
    # The journey stops benefit from the hire date (R-STOP-1); the placement's ID is the event's.
    outbox_id = await signal_journey(
        conn,
        seeker["registration_id"],
        PLACEMENT_RECORDED,
        PlacementRecorded(str(row["id"]), start_date),
        row["id"],
    )
    return Written(row, True, [outbox_id])


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
    today: dt.date,
) -> Written[PlacementRead]:
    _check_start_date(data.start_date, today)
    async with conn.transaction():
        seeker = await get_visible(conn, principal, job_seeker_id, for_update=True)
        placed = await place_in_transaction(
            conn,
            seeker,
            employer_name=data.employer_name,
            start_date=data.start_date,
            through_referral=data.through_referral,
            source="desk",
            created_by=principal.subject,
        )
        if not placed.created and not _same(placed.value, data):
            raise Conflict("placement_exists", "该求职人员已登记再就业", "job_seeker_id")
    await relay.dispatch(placed.outbox_ids)
    return Written(PlacementRead(**dict(placed.value)), placed.created)


async def get_for_job_seeker(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID
) -> PlacementRead | None:
    await get_visible(conn, principal, job_seeker_id)
    row = await repository.for_job_seeker(conn, job_seeker_id)
    return PlacementRead(**dict(row)) if row else None


async def record_from_contribution_records(
    conn: asyncpg.Connection,
    principal: Principal,
    data: ContributionPlacementCreate,
    relay: OutboxRelay,
    today: dt.date,
) -> tuple[list[PlacementRead], bool]:
    """Places every active job seeker of the person; a retry finds the placements it made."""
    _check_start_date(data.start_date, today)
    async with conn.transaction():
        seekers = await job_seekers.active_for_person(conn, data.person_id)
        if not seekers:
            earlier = await repository.from_evidence(conn, data.person_id, data.evidence_ref)
            if earlier:
                return [PlacementRead(**dict(r)) for r in earlier], False
            if await job_seekers.exists_for_person(conn, data.person_id):
                raise Conflict(
                    "no_active_job_seeker", "该人员没有求职中的登记(已再就业或已注销)", "person_id"
                )
            raise JOB_SEEKER_NOT_FOUND
        placed = [
            await place_in_transaction(
                conn,
                seeker,
                employer_name=data.employer_name,
                start_date=data.start_date,
                through_referral=False,
                source="contribution_records",
                employer_id=data.employer_id,
                evidence_ref=data.evidence_ref,
                created_by=principal.subject,
            )
            for seeker in seekers
        ]
    await relay.dispatch([outbox_id for p in placed for outbox_id in p.outbox_ids])
    return [PlacementRead(**dict(p.value)) for p in placed], True
