"""All SQL of the four-eyes control (R-CTRL-1): ``decision_approvals`` and the effective-dated
``four_eyes_policies`` rows, the same DDL in each service schema that has decisions to check."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from shared.policies import row_in_force

APPROVAL_COLUMNS = (
    "id, kind, subject_id, payload, district, status, prepared_by, prepared_role, prepared_at, reason,"
    " decided_by, decided_role, decided_at, decision_reason"
)
POLICY_COLUMNS = (
    "id, area_code, effective_from, effective_to, decisions, source, is_sample, created_by, created_at"
)


async def insert_prepared(
    conn: asyncpg.Connection,
    *,
    kind: str,
    subject_id: str,
    payload: dict[str, Any],
    district: str,
    prepared_by: str,
    prepared_role: str,
    prepared_at: dt.datetime,
    reason: str | None,
) -> asyncpg.Record | None:
    """The new prepared approval, or None when the subject has an open one of this kind."""
    return await conn.fetchrow(
        "INSERT INTO decision_approvals (id, kind, subject_id, payload, district, prepared_by,"
        " prepared_role, prepared_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (kind, subject_id) WHERE status = 'prepared' DO NOTHING RETURNING " + APPROVAL_COLUMNS,
        uuid.uuid4(), kind, subject_id, payload, district, prepared_by, prepared_role, prepared_at, reason,
    )


async def open_for(conn: asyncpg.Connection, kind: str, subject_id: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + APPROVAL_COLUMNS + " FROM decision_approvals"
        " WHERE kind = $1 AND subject_id = $2 AND status = 'prepared'",
        kind, subject_id,
    )


async def latest_approved(conn: asyncpg.Connection, kind: str, subject_id: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + APPROVAL_COLUMNS + " FROM decision_approvals"
        " WHERE kind = $1 AND subject_id = $2 AND status = 'approved' ORDER BY decided_at DESC LIMIT 1",
        kind, subject_id,
    )


async def get(conn: asyncpg.Connection, approval_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    lock = " FOR UPDATE" if for_update else ""
    return await conn.fetchrow(
        "SELECT " + APPROVAL_COLUMNS + " FROM decision_approvals WHERE id = $1" + lock, approval_id
    )


async def decide(
    conn: asyncpg.Connection,
    approval_id: uuid.UUID,
    *,
    status: str,
    decided_by: str,
    decided_role: str,
    decided_at: dt.datetime,
    decision_reason: str | None,
) -> asyncpg.Record:
    """prepared → approved / rejected / withdrawn (the table's trigger refuses anything else)."""
    return await conn.fetchrow(
        "UPDATE decision_approvals SET status = $2, decided_by = $3, decided_role = $4, decided_at = $5,"
        " decision_reason = $6 WHERE id = $1 AND status = 'prepared' RETURNING " + APPROVAL_COLUMNS,
        approval_id, status, decided_by, decided_role, decided_at, decision_reason,
    )


async def list_approvals(
    conn: asyncpg.Connection,
    *,
    district: str | None,
    status: str | None,
    kind: str | None,
    not_prepared_by: str | None,
    subject_id: str | None,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + APPROVAL_COLUMNS + " FROM decision_approvals"
        " WHERE ($1::text IS NULL OR district = $1) AND ($2::text IS NULL OR status = $2)"
        " AND ($3::text IS NULL OR kind = $3) AND ($4::text IS NULL OR prepared_by <> $4)"
        " AND ($5::text IS NULL OR subject_id = $5)"
        " ORDER BY prepared_at, id LIMIT $6 OFFSET $7",
        district, status, kind, not_prepared_by, subject_id, limit, offset,
    )


async def policy_in_force(conn: asyncpg.Connection, district: str, on: dt.date) -> asyncpg.Record | None:
    return await row_in_force(conn, "four_eyes_policies", POLICY_COLUMNS, district, on)


async def insert_policy(
    conn: asyncpg.Connection,
    *,
    area_code: str,
    effective_from: dt.date,
    effective_to: dt.date | None,
    decisions: list[str],
    source: str,
    is_sample: bool,
    created_by: str,
) -> tuple[asyncpg.Record, bool]:
    row = await conn.fetchrow(
        "INSERT INTO four_eyes_policies (area_code, effective_from, effective_to, decisions, source,"
        " is_sample, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (area_code, effective_from) DO NOTHING RETURNING " + POLICY_COLUMNS,
        area_code, effective_from, effective_to, decisions, source, is_sample, created_by,
    )
    if row is not None:
        return row, True
    existing = await conn.fetchrow(
        "SELECT " + POLICY_COLUMNS + " FROM four_eyes_policies WHERE area_code = $1 AND effective_from = $2",
        area_code, effective_from,
    )
    return existing, False


async def list_policies(conn: asyncpg.Connection, area_code: str | None) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + POLICY_COLUMNS + " FROM four_eyes_policies WHERE ($1::text IS NULL OR area_code = $1)"
        " ORDER BY area_code, effective_from",
        area_code,
    )
