"""Bank accounts of a claim: a correction supersedes the previous account (kept for the record of
where earlier payments went). Responses are masked for every role."""

from __future__ import annotations

import uuid

import asyncpg

from services.benefits.bank_accounts import repository
from services.benefits.bank_accounts.schemas import (
    BankAccountCreate,
    BankAccountRead,
    mask_account,
    mask_holder_name,
)
from services.benefits.claims.service import get_visible
from shared.auth import Principal
from shared.results import Written


def to_read(row: asyncpg.Record) -> BankAccountRead:
    return BankAccountRead(
        id=row["id"],
        holder=row["holder"],
        bank_code=row["bank_code"],
        account_number_masked=mask_account(row["account_number"]),
        account_name_masked=mask_holder_name(row["account_name"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        superseded_at=row["superseded_at"],
    )


async def set_account(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: BankAccountCreate
) -> Written[BankAccountRead]:
    async with conn.transaction():
        await get_visible(conn, principal, claim_id, for_update=True)
        existing = await repository.current(conn, claim_id, data.holder.value)
        if existing is not None and (
            existing["bank_code"], existing["account_number"], existing["account_name"]
        ) == (data.bank_code, data.account_number, data.account_name):
            return Written(to_read(existing), created=False)
        row = await repository.replace(
            conn,
            claim_id=claim_id,
            holder=data.holder.value,
            bank_code=data.bank_code,
            account_number=data.account_number,
            account_name=data.account_name,
            created_by=principal.subject,
        )
    return Written(to_read(row), created=True)


async def list_accounts(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID
) -> list[BankAccountRead]:
    await get_visible(conn, principal, claim_id)
    return [to_read(r) for r in await repository.list_for_claim(conn, claim_id)]
