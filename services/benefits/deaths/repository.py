"""All SQL of death reports."""

from __future__ import annotations

import uuid

import asyncpg

COLUMNS = (
    "claim_id, date_of_death, evidence_ref, recipient_name, recipient_relationship, funeral_grant_choice,"
    " recipient_account_id, funeral_grant_payment_id, survivor_grant_payment_id, death_month_payment_id,"
    " recorded_by, recorded_at"
)


async def get(conn: asyncpg.Connection, claim_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + COLUMNS + " FROM death_reports WHERE claim_id = $1", claim_id)


async def insert(conn: asyncpg.Connection, **values: object) -> None:
    await conn.execute(
        "INSERT INTO death_reports (claim_id, date_of_death, evidence_ref, recipient_name, recipient_relationship,"
        " funeral_grant_choice, recipient_account_id, funeral_grant_payment_id, survivor_grant_payment_id,"
        " death_month_payment_id, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        values["claim_id"],
        values["date_of_death"],
        values["evidence_ref"],
        values["recipient_name"],
        values["recipient_relationship"],
        values["funeral_grant_choice"],
        values["recipient_account_id"],
        values["funeral_grant_payment_id"],
        values["survivor_grant_payment_id"],
        values["death_month_payment_id"],
        values["recorded_by"],
    )
