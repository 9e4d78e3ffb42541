"""All SQL of fines, payments and what an employer owes (arrears, form 2-5 totals).

Parameterised statements only. Late fees accruing on unpaid amounts are computed here, rounded
per month with ``round(x, 2)`` (half-up to the fen for non-negative numerics).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

# Fines ----------------------------------------------------------------------------------------

_FINE = """
    SELECT f.*,
           COALESCE((SELECT sum(p.amount) FROM employer_payments p
                     WHERE p.fine_id = f.id AND p.paid_on <= $2), 0) AS paid_amount
    FROM employer_fines f
"""


async def insert_fine(
    conn: asyncpg.Connection,
    *,
    employer_id: uuid.UUID,
    decision_reference: str,
    decided_on: dt.date,
    amount: Decimal,
    reason: str,
    ground: str,
    created_by: str,
) -> bool:
    inserted = await conn.fetchval(
        """
        INSERT INTO employer_fines (id, employer_id, decision_reference, decided_on, amount, reason,
                                    created_by, ground)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (employer_id, decision_reference) DO NOTHING
        RETURNING id
        """,
        uuid.uuid4(),
        employer_id,
        decision_reference,
        decided_on,
        amount,
        reason,
        created_by,
        ground,
    )
    return inserted is not None


async def get_fine_by_reference(
    conn: asyncpg.Connection, employer_id: uuid.UUID, decision_reference: str
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        _FINE + " WHERE f.employer_id = $1 AND f.decision_reference = $3",
        employer_id,
        dt.date.max,
        decision_reference,
    )


async def get_fine(
    conn: asyncpg.Connection, employer_id: uuid.UUID, fine_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record | None:
    if for_update:
        await conn.execute("SELECT 1 FROM employer_fines WHERE id = $1 FOR UPDATE", fine_id)
    return await conn.fetchrow(
        _FINE + " WHERE f.employer_id = $1 AND f.id = $3", employer_id, dt.date.max, fine_id
    )


async def list_fines(
    conn: asyncpg.Connection, employer_id: uuid.UUID, as_of: dt.date
) -> list[asyncpg.Record]:
    return await conn.fetch(
        _FINE + " WHERE f.employer_id = $1 AND f.decided_on <= $2 ORDER BY f.decided_on, f.id",
        employer_id,
        as_of,
    )


# Payments -------------------------------------------------------------------------------------

_PAYMENT = """
    SELECT p.*, d.contribution_month
    FROM employer_payments p LEFT JOIN contribution_declarations d ON d.id = p.declaration_id
"""


async def get_payment_by_reference(
    conn: asyncpg.Connection, employer_id: uuid.UUID, reference: str
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        _PAYMENT + " WHERE p.employer_id = $1 AND p.reference = $2", employer_id, reference
    )


async def insert_payment(
    conn: asyncpg.Connection,
    *,
    employer_id: uuid.UUID,
    reference: str,
    kind: str,
    declaration_id: uuid.UUID | None,
    fine_id: uuid.UUID | None,
    amount: Decimal,
    paid_on: dt.date,
    days_late: int,
    late_fee: Decimal,
    created_by: str,
) -> bool:
    inserted = await conn.fetchval(
        """
        INSERT INTO employer_payments (id, employer_id, reference, kind, declaration_id, fine_id,
                                       amount, paid_on, days_late, late_fee, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (employer_id, reference) DO NOTHING
        RETURNING id
        """,
        uuid.uuid4(),
        employer_id,
        reference,
        kind,
        declaration_id,
        fine_id,
        amount,
        paid_on,
        days_late,
        late_fee,
        created_by,
    )
    return inserted is not None


async def list_payments(conn: asyncpg.Connection, employer_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        _PAYMENT + " WHERE p.employer_id = $1 ORDER BY p.paid_on, p.created_at, p.id", employer_id
    )


# Arrears --------------------------------------------------------------------------------------


async def arrears_months(
    conn: asyncpg.Connection, employer_id: uuid.UUID, as_of: dt.date
) -> list[asyncpg.Record]:
    """Every declared or assessed month up to ``as_of`` with what was paid by then, the late
    fees charged on its late payments, and those accruing on what is still unpaid (R-LATE-1:
    daily rate × days from the due date)."""
    return await conn.fetch(
        """
        SELECT d.contribution_month, d.kind, d.due_date, d.total_amount AS amount_due,
               COALESCE(p.paid, 0) AS paid,
               d.total_amount - COALESCE(p.paid, 0) AS outstanding,
               GREATEST($2::date - d.due_date, 0) AS days_overdue,
               COALESCE(p.late_fee, 0) AS late_fee_charged,
               round((d.total_amount - COALESCE(p.paid, 0)) * d.late_fee_daily_rate
                     * GREATEST($2::date - d.due_date, 0), 2) AS late_fee_accruing
        FROM contribution_declarations d
        LEFT JOIN LATERAL (
            SELECT sum(amount) AS paid, sum(late_fee) AS late_fee
            FROM employer_payments WHERE declaration_id = d.id AND paid_on <= $2
        ) p ON true
        WHERE d.employer_id = $1 AND d.contribution_month <= $2
        ORDER BY d.contribution_month
        """,
        employer_id,
        as_of,
    )


async def late_fees_paid(conn: asyncpg.Connection, employer_id: uuid.UUID, as_of: dt.date) -> Decimal:
    return await conn.fetchval(
        """
        SELECT COALESCE(sum(amount), 0) FROM employer_payments
        WHERE employer_id = $1 AND kind = 'late_fee' AND paid_on <= $2
        """,
        employer_id,
        as_of,
    )


async def declared_vs_paid(conn: asyncpg.Connection, employer_id: uuid.UUID, year: int) -> asyncpg.Record:
    return await conn.fetchrow(
        """
        SELECT COALESCE(sum(d.base_total) FILTER (WHERE d.kind IN ('declared', 'settled')), 0)
                   AS declared_base_total,
               COALESCE(sum(d.total_amount), 0) AS assessed_total,
               COALESCE(sum(p.paid), 0) AS paid_total
        FROM contribution_declarations d
        LEFT JOIN LATERAL (
            SELECT sum(amount) AS paid FROM employer_payments WHERE declaration_id = d.id
        ) p ON true
        WHERE d.employer_id = $1 AND extract(year FROM d.contribution_month) = $2
        """,
        employer_id,
        year,
    )


# 欠费单位清单: the sums of ``arrears_months`` for every employer at once, on $1 (as of), in $2
# (a district, or NULL for all), largest total first, paged by $3/$4.
_EMPLOYERS_IN_ARREARS = """
    WITH months AS (
        SELECT d.employer_id,
               d.total_amount - COALESCE(p.paid, 0) AS outstanding,
               COALESCE(p.late_fee, 0)
               + round((d.total_amount - COALESCE(p.paid, 0)) * d.late_fee_daily_rate
                       * GREATEST($1::date - d.due_date, 0), 2) AS late_fees
        FROM contribution_declarations d
        JOIN employers e ON e.id = d.employer_id
        LEFT JOIN LATERAL (
            SELECT sum(amount) AS paid, sum(late_fee) AS late_fee
            FROM employer_payments WHERE declaration_id = d.id AND paid_on <= $1
        ) p ON true
        WHERE d.contribution_month <= $1 AND ($2::text IS NULL OR e.district = $2)
    ), contributions AS (
        SELECT employer_id, sum(outstanding) AS contributions, sum(late_fees) AS late_fees
        FROM months GROUP BY employer_id
    ), late_fees_paid AS (
        SELECT employer_id, sum(amount) AS paid FROM employer_payments
        WHERE kind = 'late_fee' AND paid_on <= $1 GROUP BY employer_id
    ), fines AS (
        SELECT f.employer_id, sum(f.amount - COALESCE(fp.paid, 0)) AS fines
        FROM employer_fines f
        JOIN employers e ON e.id = f.employer_id
        LEFT JOIN LATERAL (
            SELECT sum(amount) AS paid FROM employer_payments WHERE fine_id = f.id AND paid_on <= $1
        ) fp ON true
        WHERE f.decided_on <= $1 AND ($2::text IS NULL OR e.district = $2)
        GROUP BY f.employer_id
    ), owed AS (
        SELECT e.id AS employer_id, e.name, e.district, e.status,
               COALESCE(c.contributions, 0) AS contributions,
               COALESCE(c.late_fees, 0) - COALESCE(lp.paid, 0) AS late_fees,
               COALESCE(fi.fines, 0) AS fines
        FROM employers e
        LEFT JOIN contributions c ON c.employer_id = e.id
        LEFT JOIN late_fees_paid lp ON lp.employer_id = e.id
        LEFT JOIN fines fi ON fi.employer_id = e.id
        WHERE c.employer_id IS NOT NULL OR fi.employer_id IS NOT NULL
    )
    SELECT *, contributions + late_fees + fines AS total FROM owed
    WHERE contributions + late_fees + fines > 0
    ORDER BY contributions + late_fees + fines DESC, employer_id
    LIMIT $3 OFFSET $4
"""


async def employers_in_arrears(
    conn: asyncpg.Connection, as_of: dt.date, district: str | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    """Every employer owing anything on ``as_of`` (the same sums as ``arrears_months`` per
    employer, set-based across employers), largest total first."""
    return await conn.fetch(_EMPLOYERS_IN_ARREARS, as_of, district, limit, offset)
