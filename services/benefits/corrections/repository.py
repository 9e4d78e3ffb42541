"""All SQL of corrections (R-CORR-1): the correction rows, the months they recomputed, the claim's
corrected terms and the arrears instructions (the benefit's and the medical premium's)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import asyncpg

if TYPE_CHECKING:
    from services.benefits.corrections.recompute import MonthDifference

COLUMNS = (
    "c.id, c.claim_id, c.district, c.reason, c.source, c.source_ref, c.approval_id, c.monthly_amount,"
    " c.entitlement_months, c.benefit_start_date, c.prepared_by, c.prepared_at, c.applied_at,"
    " c.original_monthly_amount, c.original_entitlement_months, c.original_benefit_start_date,"
    " c.underpaid_amount, c.overpaid_amount,"
    # The check (R-CTRL-1) is the approval's: its status, who and when.
    " a.status AS approval_status, a.decided_by, a.decided_at, a.decision_reason"
)
_FROM = " FROM corrections c LEFT JOIN decision_approvals a ON a.id = c.approval_id"

# Each issued monthly benefit and premium instruction of a claim (a correction's own premium
# instruction is not a month: correction_id NULL), with what its month already carries: its
# amount, less the overpayments recorded on it (any status: already dealt with), plus the arrears
# earlier corrections paid for the month (a premium's only where that correction transferred
# them: before 0034 they were shown, not paid). Locked: a payroll run skips them meanwhile.
_ISSUED = """
    SELECT p.id AS payment_id, p.benefit_month, p.kind, p.status, p.amount, p.original_amount,
           p.amount
           - coalesce((SELECT sum(o.amount) FROM overpayments o WHERE o.payment_id = p.id), 0)
           + coalesce((SELECT sum(m.difference) FROM correction_months m
                       WHERE m.payment_id = p.id AND m.difference > 0
                         AND (m.kind = 'benefit' OR EXISTS (
                             SELECT 1 FROM payments a
                             WHERE a.correction_id = m.correction_id AND a.kind = 'medical_premium'))), 0) AS paid
    FROM payments p
    WHERE p.claim_id = $1 AND p.kind IN ('benefit', 'medical_premium') AND p.correction_id IS NULL
      AND p.status <> 'cancelled'
    ORDER BY p.benefit_month, p.kind
    FOR UPDATE OF p
"""


async def issued_months(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(_ISSUED, claim_id)


async def insert(
    conn: asyncpg.Connection,
    *,
    correction_id: uuid.UUID,
    claim_id: uuid.UUID,
    district: str,
    reason: str,
    monthly_amount: Decimal | None,
    entitlement_months: int | None,
    benefit_start_date: dt.date | None,
    prepared_by: str,
    prepared_at: dt.datetime,
    approval_id: uuid.UUID | None = None,
    source: str = "agency",
    source_ref: str | None = None,
) -> bool:
    """False when it exists: the approval's correction, or the appeal's carried out already."""
    inserted = await conn.fetchval(
        "INSERT INTO corrections (id, claim_id, district, reason, monthly_amount, entitlement_months,"
        " benefit_start_date, prepared_by, prepared_at, approval_id, source, source_ref)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        " ON CONFLICT DO NOTHING RETURNING id",
        correction_id,
        claim_id,
        district,
        reason,
        monthly_amount,
        entitlement_months,
        benefit_start_date,
        prepared_by,
        prepared_at,
        approval_id,
        source,
        source_ref,
    )
    return inserted is not None


async def get(conn: asyncpg.Connection, correction_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + _FROM + " WHERE c.id = $1" + (" FOR UPDATE OF c" if for_update else ""), correction_id
    )


async def get_by_approval(conn: asyncpg.Connection, approval_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT " + COLUMNS + _FROM + " WHERE c.approval_id = $1 FOR UPDATE OF c", approval_id)


async def get_by_appeal(conn: asyncpg.Connection, appeal_ref: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + _FROM + " WHERE c.source = 'appeal' AND c.source_ref = $1 FOR UPDATE OF c", appeal_ref
    )


async def list_for_claim(conn: asyncpg.Connection, claim_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT " + COLUMNS + _FROM + " WHERE c.claim_id = $1 ORDER BY c.prepared_at, c.id", claim_id)


async def record_applied(
    conn: asyncpg.Connection,
    correction_id: uuid.UUID,
    *,
    original: tuple[Decimal, int, dt.date],
    applied_at: dt.datetime,
    underpaid: Decimal,
    overpaid: Decimal,
) -> None:
    await conn.execute(
        "UPDATE corrections SET applied_at = $5, original_monthly_amount = $2, original_entitlement_months = $3,"
        " original_benefit_start_date = $4, underpaid_amount = $6, overpaid_amount = $7"
        " WHERE id = $1 AND applied_at IS NULL",
        correction_id,
        *original,
        applied_at,
        underpaid,
        overpaid,
    )


async def set_claim_terms(
    conn: asyncpg.Connection, claim_id: uuid.UUID, monthly_amount: Decimal, entitlement_months: int, start: dt.date
) -> None:
    """The claim's corrected terms (the original decision's are kept on the correction row)."""
    await conn.execute(
        "UPDATE claims SET monthly_amount = $2, entitlement_months = $3, benefit_start_date = $4 WHERE id = $1",
        claim_id,
        monthly_amount,
        entitlement_months,
        start,
    )


async def insert_months(
    conn: asyncpg.Connection, correction_id: uuid.UUID, months: Sequence[MonthDifference]
) -> None:
    await conn.execute(
        """
        INSERT INTO correction_months (correction_id, benefit_month, kind, payment_id, period_start, paid, due, difference)
        SELECT $1, r.month, r.kind, r.payment_id, r.period_start, r.paid, r.due, r.due - r.paid
        FROM unnest($2::int[], $3::text[], $4::uuid[], $5::date[], $6::numeric[], $7::numeric[])
             AS r (month, kind, payment_id, period_start, paid, due)
        ON CONFLICT DO NOTHING
        """,
        correction_id,
        [m.benefit_month for m in months],
        [m.kind for m in months],
        [m.payment_id for m in months],
        [m.period.start for m in months],
        [m.paid for m in months],
        [m.due for m in months],
    )


async def months_of(conn: asyncpg.Connection, correction_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT benefit_month, kind, payment_id, period_start, paid, due, difference FROM correction_months"
        " WHERE correction_id = $1 ORDER BY benefit_month, kind",
        correction_id,
    )


async def insert_arrears(
    conn: asyncpg.Connection,
    *,
    claim_id: uuid.UUID,
    correction_id: uuid.UUID,
    benefit_month: int,
    period_start: dt.date,
    amount: Decimal,
    legal_basis: str,
    created_by: str,
    kind: str = "arrears",
) -> uuid.UUID:
    """The correction's one arrears instruction of ``kind``: the benefit's (补发, 'arrears') or the
    medical premium's ('medical_premium', R-MED-1); UNIQUE (correction_id, kind) decides, not a read."""
    inserted = await conn.fetchval(
        "INSERT INTO payments (id, claim_id, benefit_month, kind, period_start, amount, legal_basis, created_by,"
        " correction_id) VALUES ($1, $2, $3, $9, $4, $5, $6, $7, $8)"
        " ON CONFLICT (correction_id, kind) DO NOTHING RETURNING id",
        uuid.uuid4(),
        claim_id,
        benefit_month,
        period_start,
        amount,
        legal_basis,
        created_by,
        correction_id,
        kind,
    )
    return inserted or await arrears_of(conn, correction_id, kind)


async def arrears_of(conn: asyncpg.Connection, correction_id: uuid.UUID, kind: str = "arrears") -> uuid.UUID | None:
    return await conn.fetchval("SELECT id FROM payments WHERE correction_id = $1 AND kind = $2", correction_id, kind)
