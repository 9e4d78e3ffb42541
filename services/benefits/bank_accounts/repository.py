"""All SQL of bank accounts (personal data: never logged)."""

from __future__ import annotations

import uuid

import asyncpg

COLUMNS = "id, claim_id, holder, bank_code, account_number, account_name, created_by, created_at, superseded_at"


async def current(conn: asyncpg.Connection, claim_id: uuid.UUID, holder: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + " FROM bank_accounts WHERE claim_id = $1 AND holder = $2 AND superseded_at IS NULL",
        claim_id,
        holder,
    )


async def replace(
    conn: asyncpg.Connection,
    *,
    claim_id: uuid.UUID,
    holder: str,
    bank_code: str,
    account_number: str,
    account_name: str,
    created_by: str,
) -> asyncpg.Record:
    await conn.execute(
        "UPDATE bank_accounts SET superseded_at = clock_now()"
        " WHERE claim_id = $1 AND holder = $2 AND superseded_at IS NULL",
        claim_id,
        holder,
    )
    return await conn.fetchrow(
        "INSERT INTO bank_accounts (claim_id, holder, bank_code, account_number, account_name, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS,
        claim_id,
        holder,
        bank_code,
        account_number,
        account_name,
        created_by,
    )


async def list_for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + COLUMNS + " FROM bank_accounts WHERE claim_id = $1 ORDER BY holder, id", claim_id
    )
