"""Stop proposals (R-STOP-1, R-FRAUD-1: no adverse decision without a human review): raised by the
refusal count, decided by a case manager. Accepting one tells the claimant's journey, which has
the benefits service stop the claim from the event date."""

from __future__ import annotations

import uuid

import asyncpg

from contracts.journey import STOP_DECIDED, StopDecided
from services.employment.job_seekers import repository as job_seekers
from services.employment.referrals import repository
from services.employment.referrals.schemas import StopDecisionCreate, StopProposalRead
from shared.auth import Principal, Role
from services.employment.signals import signal_journey
from shared.errors import Conflict, NotFound
from shared.outbox import OutboxRelay

PROPOSAL_NOT_FOUND = NotFound("stop_proposal_not_found", "未找到该停发建议", "stop_proposal_id")


async def _visible(
    conn: asyncpg.Connection, principal: Principal, proposal_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get_proposal(conn, proposal_id, for_update=for_update)
    if row is None:
        raise PROPOSAL_NOT_FOUND
    seeker = await job_seekers.get(conn, row["job_seeker_id"])
    if not principal.sees_district(seeker["district"]):
        raise PROPOSAL_NOT_FOUND
    return row


async def get(conn: asyncpg.Connection, principal: Principal, proposal_id: uuid.UUID) -> StopProposalRead:
    return StopProposalRead(**dict(await _visible(conn, principal, proposal_id)))


async def list_proposals(
    conn: asyncpg.Connection, principal: Principal, status: str | None, limit: int, offset: int
) -> list[StopProposalRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_proposals(conn, status, district, limit, offset)
    return [StopProposalRead(**dict(r)) for r in rows]


async def decide(
    conn: asyncpg.Connection,
    principal: Principal,
    proposal_id: uuid.UUID,
    data: StopDecisionCreate,
    relay: OutboxRelay,
) -> StopProposalRead:
    outbox_id = None
    async with conn.transaction():
        row = await _visible(conn, principal, proposal_id, for_update=True)
        if row["status"] != "open":
            same = row["status"] == ("accepted" if data.accepted else "rejected") and row["decision_note"] == data.note
            if not same:
                raise Conflict("stop_proposal_decided", "该停发建议已有决定", "stop_proposal_id")
            return StopProposalRead(**dict(row))
        row = await repository.decide_proposal(
            conn, proposal_id, accepted=data.accepted, note=data.note, decided_by=principal.subject
        )
        if data.accepted:
            # The journey stops the claim at the benefits service, from the event date.
            seeker = await job_seekers.get(conn, row["job_seeker_id"])
            outbox_id = await signal_journey(
                conn,
                seeker["registration_id"],
                STOP_DECIDED,
                StopDecided(str(proposal_id), "refused_offers", row["event_date"]),
                proposal_id,
            )
    await relay.dispatch([outbox_id])
    return StopProposalRead(**dict(row))
