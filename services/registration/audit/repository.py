"""All SQL of the audit trail. Parameterised statements only; rows are never updated."""

from __future__ import annotations

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
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT id, entity_type, entity_id, action, actor, actor_role, at, before, after, reason
        FROM audit_log
        WHERE ($1::text IS NULL OR entity_type = $1) AND ($2::text IS NULL OR entity_id = $2)
        ORDER BY id DESC
        LIMIT $3 OFFSET $4
        """,
        entity_type,
        entity_id,
        limit,
        offset,
    )
