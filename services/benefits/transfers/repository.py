"""All SQL of transfers out."""

from __future__ import annotations

import uuid

import asyncpg

COLUMNS = (
    "claim_id, effective_date, destination_area, inter_province, remaining_months, monthly_amount,"
    " remaining_benefit, medical_premium, subsidy_share, total, ledger_entry_id, evidence_ref, decided_by, decided_at"
)


async def get(conn: asyncpg.Connection, claim_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + COLUMNS + " FROM transfers_out WHERE claim_id = $1", claim_id)


async def insert(conn: asyncpg.Connection, **v: object) -> asyncpg.Record:
    return await conn.fetchrow(
        "INSERT INTO transfers_out (claim_id, effective_date, destination_area, inter_province, remaining_months,"
        " monthly_amount, remaining_benefit, medical_premium, subsidy_share, total, ledger_entry_id, evidence_ref,"
        " decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING " + COLUMNS,
        v["claim_id"],
        v["effective_date"],
        v["destination_area"],
        v["inter_province"],
        v["remaining_months"],
        v["monthly_amount"],
        v["remaining_benefit"],
        v["medical_premium"],
        v["subsidy_share"],
        v["total"],
        v["ledger_entry_id"],
        v["evidence_ref"],
        v["decided_by"],
    )
