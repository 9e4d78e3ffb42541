"""All SQL of finding a person (the rows themselves are written by unemployment registration)."""

from __future__ import annotations

import uuid

import asyncpg

# The person's latest 失业登记 in the district searched (any district when none is given); a
# person without one is not found (a service point sees only people registered in its district).
_SEARCH = r"""
    SELECT p.id AS person_id, p.id_number, p.name, p.name = $1 AS exact,
           r.id AS registration_id, r.district, r.registration_date, r.status
    FROM persons p
    JOIN LATERAL (
        SELECT id, district, registration_date, status FROM unemployment_registrations
        WHERE person_id = p.id AND ($2::text IS NULL OR district = $2)
        ORDER BY registration_date DESC, created_at DESC, id
        LIMIT 1
    ) r ON true
    WHERE p.name LIKE $3 ESCAPE '\'
    ORDER BY p.name = $1 DESC, p.name, r.registration_date DESC, p.id
    LIMIT $4
"""


def _prefix_pattern(name: str) -> str:
    """``name`` as a LIKE prefix: its own ``%``, ``_`` and ``\\`` match only themselves."""
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


async def search_by_name(
    conn: asyncpg.Connection, name: str, district: str | None, limit: int
) -> list[asyncpg.Record]:
    """People whose name is ``name`` or begins with it, exact matches first."""
    return await conn.fetch(_SEARCH, name, district, _prefix_pattern(name), limit)


async def get_person(conn: asyncpg.Connection, person_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT id, id_number, name FROM persons WHERE id = $1", person_id)
