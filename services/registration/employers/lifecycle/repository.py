"""All SQL of deregistration, verification and certificate requests. Parameterised only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg


async def mark_deregistered(
    conn: asyncpg.Connection, employer_id: uuid.UUID, *, on: dt.date, reason: str
) -> None:
    await conn.execute(
        """
        UPDATE employers
        SET status = 'deregistered', deregistered_on = $2, deregistration_reason = $3,
            certificate_number = NULL, updated_at = clock_now()
        WHERE id = $1
        """,
        employer_id,
        on,
        reason,
    )


async def open_employments(conn: asyncpg.Connection, employer_id: uuid.UUID) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM employments WHERE employer_id = $1 AND separated_on IS NULL", employer_id
    )


async def insert_verification(conn: asyncpg.Connection, values: dict[str, Any]) -> uuid.UUID | None:
    return await conn.fetchval(
        """
        INSERT INTO employer_verifications (id, employer_id, year, outcome, notes, report, verified_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (employer_id, year) DO NOTHING
        RETURNING id
        """,
        uuid.uuid4(),
        values["employer_id"],
        values["year"],
        values["outcome"],
        values["notes"],
        values["report"],
        values["verified_by"],
    )


async def verification(conn: asyncpg.Connection, employer_id: uuid.UUID, year: int) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT * FROM employer_verifications WHERE employer_id = $1 AND year = $2", employer_id, year
    )


async def last_verification_before(
    conn: asyncpg.Connection, employer_id: uuid.UUID, year: int
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """
        SELECT year, outcome, verified_at FROM employer_verifications
        WHERE employer_id = $1 AND year < $2 ORDER BY year DESC LIMIT 1
        """,
        employer_id,
        year,
    )


async def passed_verification_since(conn: asyncpg.Connection, employer_id: uuid.UUID, year: int) -> bool:
    return bool(
        await conn.fetchval(
            "SELECT 1 FROM employer_verifications WHERE employer_id = $1 AND year >= $2 AND outcome = 'passed'",
            employer_id,
            year,
        )
    )


async def certificate_by_request(
    conn: asyncpg.Connection, employer_id: uuid.UUID, request_key: str
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT * FROM employer_certificates WHERE employer_id = $1 AND request_key = $2",
        employer_id,
        request_key,
    )


async def set_request_key(conn: asyncpg.Connection, employer_id: uuid.UUID, number: str, request_key: str) -> None:
    await conn.execute(
        "UPDATE employer_certificates SET request_key = $3 WHERE employer_id = $1 AND number = $2",
        employer_id,
        number,
        request_key,
    )
