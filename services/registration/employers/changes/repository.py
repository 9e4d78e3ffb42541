"""All SQL of change registration (变更登记). Parameterised statements only; column names come
from a fixed mapping in service.py, never from input."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

# The employers column each simple item writes (the statements below are fixed per column).
_UPDATES = {
    "name": "UPDATE employers SET name = $2, updated_at = clock_now() WHERE id = $1",
    "address": "UPDATE employers SET address = $2, updated_at = clock_now() WHERE id = $1",
    "legal_representative": "UPDATE employers SET legal_representative = $2, updated_at = clock_now() WHERE id = $1",
    "unit_type": "UPDATE employers SET unit_type = $2, updated_at = clock_now() WHERE id = $1",
    "organisation_code": "UPDATE employers SET uscc = $2, uscc_check_overridden = false, updated_at = clock_now() WHERE id = $1",
    "supervising_department": "UPDATE employers SET supervising_department = $2, updated_at = clock_now() WHERE id = $1",
    "affiliation": "UPDATE employers SET affiliation = $2, updated_at = clock_now() WHERE id = $1",
}


async def apply_simple(conn: asyncpg.Connection, employer_id: uuid.UUID, item: str, value: str | None) -> None:
    await conn.execute(_UPDATES[item], employer_id, value)


async def apply_bank_account(
    conn: asyncpg.Connection, employer_id: uuid.UUID, bank_name: str, bank_account: str
) -> None:
    await conn.execute(
        "UPDATE employers SET bank_name = $2, bank_account = $3, updated_at = clock_now() WHERE id = $1",
        employer_id,
        bank_name,
        bank_account,
    )


async def apply_other(
    conn: asyncpg.Connection, employer_id: uuid.UUID, other_item: str, value: str | None
) -> None:
    await conn.execute(
        """
        UPDATE employers
        SET other_items = CASE WHEN $3::text IS NULL THEN other_items - $2
                               ELSE other_items || jsonb_build_object($2::text, $3::text) END,
            updated_at = clock_now()
        WHERE id = $1
        """,
        employer_id,
        other_item,
        value,
    )


async def uscc_taken(conn: asyncpg.Connection, uscc: str, employer_id: uuid.UUID) -> bool:
    return bool(
        await conn.fetchval("SELECT 1 FROM employers WHERE uscc = $1 AND id <> $2", uscc, employer_id)
    )


async def insert_change(conn: asyncpg.Connection, values: dict[str, Any]) -> None:
    # A cleared optional item (new value null, as documented) is kept as JSON null: the column
    # records that a value was set, and None would be SQL NULL (NOT NULL violation, issue 9).
    await conn.execute(
        """
        INSERT INTO employer_changes (id, employer_id, request_key, item, other_item, old_value,
            new_value, reason, effective_on, certificate_reissued, changed_by, changed_role)
        VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, 'null'::jsonb), $8, $9, $10, $11, $12)
        """,
        uuid.uuid4(),
        values["employer_id"],
        values["request_key"],
        values["item"],
        values["other_item"],
        values["old_value"],
        values["new_value"],
        values["reason"],
        values["effective_on"],
        values["certificate_reissued"],
        values["changed_by"],
        values["changed_role"],
    )


async def changes_for_request(
    conn: asyncpg.Connection, employer_id: uuid.UUID, request_key: str
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM employer_changes WHERE employer_id = $1 AND request_key = $2 ORDER BY item, other_item",
        employer_id,
        request_key,
    )


async def history(
    conn: asyncpg.Connection, employer_id: uuid.UUID, *, since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT * FROM employer_changes
        WHERE employer_id = $1 AND ($2::date IS NULL OR effective_on >= $2)
          AND ($3::date IS NULL OR effective_on <= $3)
        ORDER BY changed_at, item
        """,
        employer_id,
        since,
        until,
    )
