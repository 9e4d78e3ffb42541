"""SQL the entitlement assessment reads: the person's previous claim and what it drew (R-DUR-2)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg


async def previous_claim(
    conn: asyncpg.Connection, person_id: uuid.UUID, claim_id: uuid.UUID | None, registered_on: dt.date
) -> asyncpg.Record | None:
    """The person's latest decided claim of an earlier spell (the one being assessed excluded)."""
    return await conn.fetchrow(
        """
        SELECT id, benefit_start_date, registration_date, entitlement_months, status, stop_effective_date
        FROM claims
        WHERE person_id = $1 AND id IS DISTINCT FROM $2 AND registration_date < $3
          AND status IN ('approved', 'stopped') AND entitlement_months IS NOT NULL
        ORDER BY registration_date DESC
        LIMIT 1
        """,
        person_id,
        claim_id,
        registered_on,
    )


async def benefit_months_drawn(conn: asyncpg.Connection, claim_id: uuid.UUID) -> int:
    """R-DUR-2: the benefit months actually paid or payable on the claim (an instruction not
    cancelled, whatever the bank has done with it), never the calendar time that passed."""
    return await conn.fetchval(
        """
        SELECT count(DISTINCT benefit_month) FROM payments
        WHERE claim_id = $1 AND kind = 'benefit' AND status <> 'cancelled' AND amount > 0
        """,
        claim_id,
    )
