"""All SQL of the monthly report to the tax authority. Parameterised statements only."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg


async def registrations(conn: asyncpg.Connection, start: dt.date, end: dt.date) -> list[asyncpg.Record]:
    """Registrations approved in [start, end) (China time)."""
    return await conn.fetch(
        """
        SELECT e.uscc, e.name, e.district, (e.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
               c.number AS certificate_number, c.kind AS certificate_kind
        FROM employers e
        LEFT JOIN LATERAL (
            SELECT number, kind FROM employer_certificates
            WHERE employer_id = e.id ORDER BY created_at LIMIT 1
        ) c ON true
        WHERE e.status IN ('approved', 'deregistered') AND e.decided_at IS NOT NULL
          AND (e.decided_at AT TIME ZONE 'Asia/Shanghai')::date >= $1
          AND (e.decided_at AT TIME ZONE 'Asia/Shanghai')::date < $2
        ORDER BY day, e.uscc
        """,
        start,
        end,
    )


async def changes(conn: asyncpg.Connection, start: dt.date, end: dt.date) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT e.uscc, e.name, e.district, ch.item, ch.other_item, ch.old_value, ch.new_value,
               (ch.changed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, ch.effective_on
        FROM employer_changes ch JOIN employers e ON e.id = ch.employer_id
        WHERE (ch.changed_at AT TIME ZONE 'Asia/Shanghai')::date >= $1
          AND (ch.changed_at AT TIME ZONE 'Asia/Shanghai')::date < $2
        ORDER BY day, e.uscc, ch.item
        """,
        start,
        end,
    )


async def deregistrations(conn: asyncpg.Connection, start: dt.date, end: dt.date) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT uscc, name, district, deregistered_on AS day, deregistration_reason
        FROM employers
        WHERE status = 'deregistered' AND deregistered_on >= $1 AND deregistered_on < $2
        ORDER BY day, uscc
        """,
        start,
        end,
    )


async def insert_report(
    conn: asyncpg.Connection, *, month: dt.date, row_count: int, csv: str, generated_by: str
) -> bool:
    inserted = await conn.fetchval(
        """
        INSERT INTO tax_reports (id, month, row_count, csv, generated_by) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (month) DO NOTHING
        RETURNING id
        """,
        uuid.uuid4(),
        month,
        row_count,
        csv,
        generated_by,
    )
    return inserted is not None


async def get_report(conn: asyncpg.Connection, month: dt.date) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT * FROM tax_reports WHERE month = $1", month)


async def list_reports(conn: asyncpg.Connection, limit: int, offset: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, month, row_count, generated_by, generated_at FROM tax_reports"
        " ORDER BY month DESC LIMIT $1 OFFSET $2",
        limit,
        offset,
    )
