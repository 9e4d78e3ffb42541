"""All SQL of payments."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

_COLUMNS = "id, claim_id, benefit_month, kind, period_start, amount, status, created_at"


async def insert_once(
    conn: asyncpg.Connection,
    *,
    claim_id: uuid.UUID,
    benefit_month: int,
    kind: str,
    period_start: dt.date,
    amount: Decimal,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    """Insert unless (claim, month, kind) exists; the unique constraint decides, not a read."""
    row = await conn.fetchrow(
        "INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT ON CONSTRAINT payments_once_per_claim_month_kind DO NOTHING"
        " RETURNING " + _COLUMNS,
        uuid.uuid4(),
        claim_id,
        benefit_month,
        kind,
        period_start,
        amount,
        created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _COLUMNS + " FROM payments WHERE claim_id = $1 AND benefit_month = $2 AND kind = $3",
        claim_id,
        benefit_month,
        kind,
    )
    return existing, False


async def list_for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _COLUMNS + " FROM payments WHERE claim_id = $1 ORDER BY benefit_month, kind",
        claim_id,
    )
