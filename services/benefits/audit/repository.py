"""All SQL of the audit cross-match."""

from __future__ import annotations

import uuid

import asyncpg

COLUMNS = (
    "id, claim_id, payment_id, benefit_month, source, employer_id, overlap_month, status, detected_by,"
    " detected_at, reviewed_by, reviewed_at, review_note"
)


async def benefit_months_of_city(conn: asyncpg.Connection, city: str) -> list[asyncpg.Record]:
    """Every benefit month issued (not cancelled) of the city's claims, with what the match needs."""
    return await conn.fetch(
        """
        SELECT c.id AS claim_id, c.person_id, c.separation_date, p.id AS payment_id, p.benefit_month,
               p.period_start
        FROM claims c JOIN payments p ON p.claim_id = c.id
        WHERE city_of(c.district) = $1 AND c.status IN ('approved', 'stopped')
          AND p.kind = 'benefit' AND p.status <> 'cancelled'
        ORDER BY c.person_id, c.id, p.benefit_month
        """,
        city,
    )


async def insert_hits(conn: asyncpg.Connection, hits: list[tuple], detected_by: str) -> int:
    rows = await conn.fetch(
        """
        INSERT INTO audit_review_items (id, claim_id, payment_id, benefit_month, source, employer_id,
                                        overlap_month, detected_by)
        SELECT gen_random_uuid(), h.claim_id, h.payment_id, h.benefit_month, h.source,
               h.employer_id, h.overlap_month, $6
        FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $7::text[])
             AS h (claim_id, payment_id, benefit_month, employer_id, overlap_month, source)
        ON CONFLICT ON CONSTRAINT audit_review_items_once DO NOTHING
        RETURNING id
        """,
        [h[0] for h in hits],
        [h[1] for h in hits],
        [h[2] for h in hits],
        [h[3] for h in hits],
        [h[4] for h in hits],
        detected_by,
        [h[5] for h in hits],
    )
    return len(rows)


async def list_items(conn: asyncpg.Connection, status: str | None, claim_id: uuid.UUID | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + COLUMNS + " FROM audit_review_items"
        " WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR claim_id = $2)"
        " ORDER BY detected_at, claim_id, benefit_month LIMIT 1000",
        status,
        claim_id,
    )


async def get(conn: asyncpg.Connection, item_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + COLUMNS + " FROM audit_review_items WHERE id = $1"
    if for_update:
        query += " FOR UPDATE"
    return await conn.fetchrow(query, item_id)


async def record_review(
    conn: asyncpg.Connection, item_id: uuid.UUID, outcome: str, note: str, reviewed_by: str
) -> None:
    await conn.execute(
        "UPDATE audit_review_items SET status = $2, review_note = $3, reviewed_by = $4, reviewed_at = clock_now()"
        " WHERE id = $1",
        item_id,
        outcome,
        note,
        reviewed_by,
    )
