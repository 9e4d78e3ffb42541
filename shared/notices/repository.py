"""The SQL both services' written decisions share (R-NOTICE-1): a notice with its delivery, the
delivery recorded once, the PDF stored once with its hash. Each service names its own tables
(``NoticeTables``); its repository keeps the rest of its notice SQL (issuing, the facts stated)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True)
class NoticeTables:
    """A service's notice table, its delivery table (``notice_id`` UNIQUE) and the column of the
    notice's subject (the claim, the employer). Constants of the code, never input."""

    notices: str
    deliveries: str
    subject: str

    @property
    def columns(self) -> str:
        return (
            f"n.id, n.{self.subject}, n.kind, n.decision_ref, n.issued_at, n.issued_by, n.sha256,"
            " n.appeal_rights_included, d.channel, d.delivered_on, d.recorded_by, d.recorded_at"
        )

    @property
    def joined(self) -> str:
        return f" FROM {self.notices} n LEFT JOIN {self.deliveries} d ON d.notice_id = n.id"


async def list_for(conn: asyncpg.Connection, tables: NoticeTables, subject_id: uuid.UUID) -> list[asyncpg.Record]:
    """The subject's notices with their deliveries, in the order they were issued."""
    return await conn.fetch(
        "SELECT " + tables.columns + tables.joined + f" WHERE n.{tables.subject} = $1 ORDER BY n.issued_seq",
        subject_id,
    )


async def get(
    conn: asyncpg.Connection, tables: NoticeTables, notice_id: uuid.UUID, *, with_pdf: bool = False
) -> asyncpg.Record | None:
    columns = tables.columns + (", n.pdf, n.html" if with_pdf else "")
    return await conn.fetchrow("SELECT " + columns + tables.joined + " WHERE n.id = $1", notice_id)


async def insert_delivery(
    conn: asyncpg.Connection,
    tables: NoticeTables,
    notice_id: uuid.UUID,
    channel: str,
    delivered_on: dt.date,
    recorded_by: str,
) -> bool:
    """Once per notice: False when it has its delivery already."""
    inserted = await conn.fetchval(
        f"INSERT INTO {tables.deliveries} (notice_id, channel, delivered_on, recorded_by) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (notice_id) DO NOTHING RETURNING notice_id",
        notice_id, channel, delivered_on, recorded_by,
    )
    return inserted is not None


async def store_pdf(conn: asyncpg.Connection, tables: NoticeTables, notice_id: uuid.UUID, pdf: bytes, sha256: str) -> bytes:
    """The notice's PDF, set once: when another request stored it first, that one is the PDF."""
    stored = await conn.fetchval(
        f"UPDATE {tables.notices} SET pdf = $2, sha256 = $3 WHERE id = $1 AND pdf IS NULL RETURNING pdf",
        notice_id, pdf, sha256,
    )
    if stored is not None:
        return stored
    return await conn.fetchval(f"SELECT pdf FROM {tables.notices} WHERE id = $1", notice_id)
