"""The console's one-call read of a claim (issue 11): the 一条龙 page needs the claim, its payments
and its subsidies, and each HTTP request costs the service more than the reads themselves. The
parts are read by the same service functions as their own endpoints, on one connection, in one
transaction that sees one snapshot, so a payroll run between two reads cannot make them disagree."""

from __future__ import annotations

import uuid

import asyncpg

from services.benefits.claims import service as claims
from services.benefits.claims.schemas import ClaimRecordRead
from services.benefits.payments import service as payments
from services.benefits.subsidies import service as subsidies
from shared.auth import Principal
from shared.clock import Moment
from shared import db



async def read_record(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, now: Moment
) -> ClaimRecordRead:
    """A claim another district's service point may not see is 404 ``claim_not_found``, as
    GET /claims/{id}; the first part read refuses before the others are read."""
    async with db.read_snapshot(conn):
        # R-REV-1: review_overdue by the request's one clock reading (R-TIME-1), as GET /claims/{id}.
        claim = claims.to_read(await claims.get_visible(conn, principal, claim_id), now)
        paid = await payments.list_payments(conn, principal, claim_id)
        awarded = await subsidies.list_awards(conn, principal, claim_id)
    return ClaimRecordRead(claim=claim, payments=paid, subsidies=awarded)
