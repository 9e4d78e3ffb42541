"""All SQL of document requests (R-RFI-1) and of the supply-deadline policy family."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from shared.policies import row_in_force

_REQUEST = """
    r.id, r.claim_id, c.district, r.status, r.requested_by, r.requested_at, r.requested_on, r.due_on,
    r.supply_policy_id, p.supply_days, r.paused_review_due_at, c.review_due_at, r.received_by, r.received_at,
    r.closed_by, r.closed_at
"""
_FROM = (
    " FROM document_requests r JOIN claims c ON c.id = r.claim_id"
    " JOIN document_supply_policies p ON p.id = r.supply_policy_id"
)
_POLICY = "id, area_code, effective_from, effective_to, supply_days, source, is_sample, created_by, created_at, first_used_at"


async def insert_request(
    conn: asyncpg.Connection,
    *,
    request_id: uuid.UUID,
    claim_id: uuid.UUID,
    requested_by: str,
    requested_at: dt.datetime,
    requested_on: dt.date,
    supply_policy_id: int,
    due_on: dt.date,
    paused_review_due_at: dt.datetime,
    documents: list[tuple[str, str]],
) -> bool:
    """False when the claim has its request already (R-RFI-1: once per claim)."""
    inserted = await conn.fetchval(
        """
        INSERT INTO document_requests (id, claim_id, requested_by, requested_at, requested_on,
                                       supply_policy_id, due_on, paused_review_due_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (claim_id) DO NOTHING
        RETURNING id
        """,
        request_id, claim_id, requested_by, requested_at, requested_on, supply_policy_id, due_on, paused_review_due_at,
    )
    if inserted is None:
        return False
    await conn.executemany(
        "INSERT INTO requested_documents (request_id, position, kind, description) VALUES ($1, $2, $3, $4)",
        [(request_id, n, kind, description) for n, (kind, description) in enumerate(documents, start=1)],
    )
    return True


async def get(conn: asyncpg.Connection, request_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    query = "SELECT " + _REQUEST + _FROM + " WHERE r.id = $1"
    if for_update:
        query += " FOR UPDATE OF r"
    return await conn.fetchrow(query, request_id)


async def for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT " + _REQUEST + _FROM + " WHERE r.claim_id = $1", claim_id)


async def documents(conn: asyncpg.Connection, request_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT kind, description FROM requested_documents WHERE request_id = $1 ORDER BY position", request_id
    )


async def pause_review(conn: asyncpg.Connection, claim_id: uuid.UUID, since: dt.datetime, due_on: dt.date) -> None:
    await conn.execute(
        "UPDATE claims SET review_paused_since = $2, documents_due_on = $3 WHERE id = $1", claim_id, since, due_on
    )


async def record_receipt(
    conn: asyncpg.Connection, request_id: uuid.UUID, claim_id: uuid.UUID, *, by: str, at: dt.datetime, review_days: int
) -> None:
    """R-REV-1 with R-RFI-1: the review counts again, from the receipt of complete materials."""
    await conn.execute(
        "UPDATE document_requests SET status = 'received', received_by = $2, received_at = $3 WHERE id = $1",
        request_id, by, at,
    )
    await conn.execute(
        "UPDATE claims SET review_paused_since = NULL, documents_due_on = NULL,"
        " review_due_at = $2::timestamptz + make_interval(days => $3) WHERE id = $1",
        claim_id, at, review_days,
    )


async def record_closure(
    conn: asyncpg.Connection, request_id: uuid.UUID, claim_id: uuid.UUID, *, by: str, at: dt.datetime
) -> None:
    await conn.execute(
        "UPDATE document_requests SET status = 'closed_incomplete', closed_by = $2, closed_at = $3 WHERE id = $1",
        request_id, by, at,
    )
    await conn.execute(
        "UPDATE claims SET status = 'closed_incomplete', review_paused_since = NULL, documents_due_on = NULL,"
        " decided_by = $2, decided_at = $3, decision_rules = ARRAY['R-RFI-1'] WHERE id = $1",
        claim_id, by, at,
    )


# --- the supply-deadline policy (R-RFI-1) --------------------------------------------------------


async def supply_policy_in_force(conn: asyncpg.Connection, district: str, on: dt.date) -> asyncpg.Record | None:
    return await row_in_force(conn, "document_supply_policies", _POLICY, district, on)


async def mark_policy_used(conn: asyncpg.Connection, policy_id: int) -> None:
    """A row a request used never changes again (trigger policy_row_frozen_once_used)."""
    await conn.execute(
        "UPDATE document_supply_policies SET first_used_at = clock_now() WHERE id = $1 AND first_used_at IS NULL",
        policy_id,
    )


async def insert_policy(conn: asyncpg.Connection, values: dict[str, Any]) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        """
        INSERT INTO document_supply_policies (area_code, effective_from, effective_to, supply_days, source,
                                              is_sample, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (area_code, effective_from) DO NOTHING
        RETURNING """ + _POLICY,
        values["area_code"], values["effective_from"], values["effective_to"], values["supply_days"],
        values["source"], values["is_sample"], values["created_by"],
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + _POLICY + " FROM document_supply_policies WHERE area_code = $1 AND effective_from = $2",
        values["area_code"], values["effective_from"],
    )
    return existing, False


async def list_policies(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + _POLICY + " FROM document_supply_policies WHERE ($1::text IS NULL OR area_code = $1)"
        " ORDER BY area_code, effective_from",
        area_code,
    )
