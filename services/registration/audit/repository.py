"""All SQL of the audit trail. Parameterised statements only; rows are never updated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg


async def insert(
    conn: asyncpg.Connection,
    *,
    entity_type: str,
    entity_id: str,
    action: str,
    actor: str,
    actor_role: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str | None,
) -> int:
    return await conn.fetchval(
        """
        INSERT INTO audit_log (entity_type, entity_id, action, actor, actor_role, before, after, reason)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        RETURNING id
        """,
        entity_type,
        entity_id,
        action,
        actor,
        actor_role,
        before,
        after,
        reason,
    )


async def list_entries(
    conn: asyncpg.Connection,
    *,
    entity_type: str | None,
    entity_id: str | None,
    actor: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT id, entity_type, entity_id, action, actor, actor_role, at, before, after, reason
        FROM audit_log
        WHERE ($1::text IS NULL OR entity_type = $1) AND ($2::text IS NULL OR entity_id = $2)
          AND ($3::text IS NULL OR actor = $3)
          AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
        ORDER BY id DESC
        LIMIT $6 OFFSET $7
        """,
        entity_type,
        entity_id,
        actor,
        since,
        until,
        limit,
        offset,
    )
