"""All SQL of contribution declarations and the policy lookups they use (payments, fines and
arrears are in ``payments_repository.py``).

Parameterised statements only. A declaration's lines are written with one set-based statement
(``unnest`` of arrays), however many people a large employer declares. Amounts are rounded per
person with ``round(x, 2)``, which for non-negative numerics is half-up to the fen; an assessed
month is rounded once on its total and spread over its people (``insert_assessed_lines``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

from shared.policies import row_in_force


async def get_employer(
    conn: asyncpg.Connection, employer_id: uuid.UUID, *, lock: str | None = None
) -> asyncpg.Record | None:
    # A share lock makes a concurrent deregistration (status update) wait for this write.
    suffix = {None: "", "share": " FOR SHARE", "update": " FOR UPDATE"}[lock]
    return await conn.fetchrow(
        "SELECT id, district, status FROM employers WHERE id = $1" + suffix, employer_id
    )


async def rate_in_force(conn: asyncpg.Connection, district: str, month: dt.date) -> asyncpg.Record | None:
    """R-RATE-1/2: the rates for a contribution month, most specific area first."""
    return await row_in_force(
        conn, "contribution_rate_policies", "id, employer_rate, employee_rate, source, is_sample", district, month
    )


async def collection_in_force(
    conn: asyncpg.Connection, district: str, month: dt.date
) -> asyncpg.Record | None:
    return await row_in_force(
        conn, "contribution_collection_policies", "id, due_day, late_fee_daily_rate, assessment_factor",
        district, month,
    )


_DECLARATION = """
    SELECT d.*,
           COALESCE((SELECT sum(p.amount) FROM employer_payments p
                     WHERE p.declaration_id = d.id), 0) AS paid_amount
    FROM contribution_declarations d
"""


async def get_declaration(
    conn: asyncpg.Connection, employer_id: uuid.UUID, month: dt.date, *, for_update: bool = False
) -> asyncpg.Record | None:
    if for_update:
        # Lock first, then read the paid sum: payments of the month are serialised on this row.
        await conn.execute(
            "SELECT 1 FROM contribution_declarations"
            " WHERE employer_id = $1 AND contribution_month = $2 FOR UPDATE",
            employer_id,
            month,
        )
    return await conn.fetchrow(
        _DECLARATION + " WHERE d.employer_id = $1 AND d.contribution_month = $2", employer_id, month
    )


async def get_declaration_by_id(conn: asyncpg.Connection, declaration_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(_DECLARATION + " WHERE d.id = $1", declaration_id)


async def list_declarations(
    conn: asyncpg.Connection, employer_id: uuid.UUID, year: int | None
) -> list[asyncpg.Record]:
    return await conn.fetch(
        _DECLARATION
        + " WHERE d.employer_id = $1"
        + " AND ($2::int IS NULL OR extract(year FROM d.contribution_month) = $2)"
        + " ORDER BY d.contribution_month",
        employer_id,
        year,
    )


async def declaration_lines(conn: asyncpg.Connection, declaration_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT employment_id, person_id, base, farmer_contract_worker, employer_amount, employee_amount
        FROM contribution_declaration_lines WHERE declaration_id = $1
        ORDER BY person_id, employment_id
        """,
        declaration_id,
    )


async def uninsured_lines(
    conn: asyncpg.Connection, employer_id: uuid.UUID, month: dt.date, employment_ids: list[uuid.UUID]
) -> list[int]:
    """0-based positions of lines whose employment is not this employer's in that month."""
    rows = await conn.fetch(
        """
        SELECT u.ord - 1 AS position
        FROM unnest($3::uuid[]) WITH ORDINALITY AS u (employment_id, ord)
        LEFT JOIN employments e
               ON e.id = u.employment_id AND e.employer_id = $1
              AND e.hired_on < ($2::date + interval '1 month')
              AND (e.separated_on IS NULL OR e.separated_on >= $2::date)
        WHERE e.id IS NULL
        ORDER BY u.ord
        """,
        employer_id,
        month,
        employment_ids,
    )
    return [r["position"] for r in rows]


async def insert_declaration(
    conn: asyncpg.Connection,
    *,
    declaration_id: uuid.UUID,
    employer_id: uuid.UUID,
    month: dt.date,
    kind: str,
    declared_on: dt.date,
    due_date: dt.date,
    rate_policy_id: int | None,
    collection_policy_id: int,
    employer_rate: Decimal,
    employee_rate: Decimal,
    late_fee_daily_rate: Decimal,
    assessed_from_id: uuid.UUID | None,
    created_by: str,
) -> bool:
    """Insert the month's header; False when the month already has one (the idempotency key)."""
    inserted = await conn.fetchval(
        """
        INSERT INTO contribution_declarations (
            id, employer_id, contribution_month, kind, declared_on, due_date, rate_policy_id,
            collection_policy_id, employer_rate, employee_rate, late_fee_daily_rate,
            assessed_from_id, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (employer_id, contribution_month) DO NOTHING
        RETURNING id
        """,
        declaration_id,
        employer_id,
        month,
        kind,
        declared_on,
        due_date,
        rate_policy_id,
        collection_policy_id,
        employer_rate,
        employee_rate,
        late_fee_daily_rate,
        assessed_from_id,
        created_by,
    )
    return inserted is not None


async def insert_declared_lines(
    conn: asyncpg.Connection,
    declaration_id: uuid.UUID,
    employment_ids: list[uuid.UUID],
    bases: list[Decimal],
) -> None:
    """One statement for all lines: amounts = base × the declaration's rates, per person
    (R-RATE-1: no personal share for farmer contract workers)."""
    await conn.execute(
        """
        INSERT INTO contribution_declaration_lines (
            declaration_id, employment_id, person_id, base, farmer_contract_worker,
            employer_amount, employee_amount)
        SELECT d.id, e.id, e.person_id, u.base, e.farmer_contract_worker,
               round(u.base * d.employer_rate, 2),
               CASE WHEN e.farmer_contract_worker THEN 0 ELSE round(u.base * d.employee_rate, 2) END
        FROM contribution_declarations d
        CROSS JOIN unnest($2::uuid[], $3::numeric[]) AS u (employment_id, base)
        JOIN employments e ON e.id = u.employment_id
        WHERE d.id = $1
        """,
        declaration_id,
        employment_ids,
        bases,
    )


# R-DECL-1 assessed lines, $1 the assessed declarations (see ``insert_assessed_lines``).
_INSERT_ASSESSED_LINES = """
    WITH exact AS (
        SELECT d.id AS declaration_id, l.employment_id, l.person_id, l.farmer_contract_worker,
               round(l.base * c.assessment_factor, 2) AS base,
               l.employer_amount * c.assessment_factor AS employer_exact,
               l.employee_amount * c.assessment_factor AS employee_exact,
               round(p.employer_amount * c.assessment_factor, 2) AS employer_share,
               round(p.total_amount * c.assessment_factor, 2)
                   - round(p.employer_amount * c.assessment_factor, 2) AS employee_share
        FROM contribution_declarations d
        JOIN contribution_collection_policies c ON c.id = d.collection_policy_id
        JOIN contribution_declarations p ON p.id = d.assessed_from_id
        JOIN contribution_declaration_lines l ON l.declaration_id = p.id
        WHERE d.id = ANY ($1::uuid[])
    ), ranked AS (
        SELECT e.*, trunc(employer_exact, 2) AS employer_floor, trunc(employee_exact, 2) AS employee_floor,
               (employer_share - sum(trunc(employer_exact, 2)) OVER whole) * 100 AS employer_fen_left,
               (employee_share - sum(trunc(employee_exact, 2)) OVER whole) * 100 AS employee_fen_left,
               row_number() OVER (PARTITION BY declaration_id
                                  ORDER BY employer_exact - trunc(employer_exact, 2) DESC, employment_id)
                   AS employer_rank,
               row_number() OVER (PARTITION BY declaration_id
                                  ORDER BY employee_exact - trunc(employee_exact, 2) DESC, employment_id)
                   AS employee_rank
        FROM exact e
        WINDOW whole AS (PARTITION BY declaration_id)
    )
    INSERT INTO contribution_declaration_lines (
        declaration_id, employment_id, person_id, base, farmer_contract_worker,
        employer_amount, employee_amount)
    SELECT declaration_id, employment_id, person_id, base, farmer_contract_worker,
           employer_floor + CASE WHEN employer_rank <= employer_fen_left THEN 0.01 ELSE 0 END,
           employee_floor + CASE WHEN employee_rank <= employee_fen_left THEN 0.01 ELSE 0 END
    FROM ranked
"""


async def insert_assessed_lines(conn: asyncpg.Connection, declaration_ids: list[uuid.UUID]) -> None:
    """R-DECL-1: each assessed declaration's lines, from its previous month's, at the factor of
    its collection policy (110%); one statement for any number of declarations and people.

    The month is assessed on the previous month's **total**, rounded once (half-up to the fen):
    ``total = fen(previous total × factor)``. The shares are derived from it so they add up
    exactly: ``employer = fen(previous employer share × factor)``, ``personal = total − employer``.
    Rounding line by line instead can miss the total (two lines of 10.05: 2 × fen(11.055) = 22.12,
    but fen(20.10 × 1.1) = 22.11).

    Each person's line (their contribution record, R-REC-1) must still add up to the shares, so
    each share is spread over the lines by the largest-remainder method: every line gets its exact
    amount (previous line × factor) cut down to the fen, and the fen still missing to the share go
    one each to the lines with the largest cut-off remainders, ties by employment ID
    (deterministic). At most one fen per line, and only to a line with a remainder: so no personal
    share ever lands on a farmer contract worker (R-RATE-1). Bases are rounded per person.
    """
    await conn.execute(_INSERT_ASSESSED_LINES, declaration_ids)


async def total_declaration(conn: asyncpg.Connection, declaration_id: uuid.UUID) -> None:
    await conn.execute(
        """
        UPDATE contribution_declarations d
        SET headcount = t.headcount, base_total = t.base_total,
            employer_amount = t.employer_amount, employee_amount = t.employee_amount
        FROM (SELECT count(*) AS headcount, COALESCE(sum(base), 0) AS base_total,
                     COALESCE(sum(employer_amount), 0) AS employer_amount,
                     COALESCE(sum(employee_amount), 0) AS employee_amount
              FROM contribution_declaration_lines WHERE declaration_id = $1) t
        WHERE d.id = $1
        """,
        declaration_id,
    )


async def same_lines(
    conn: asyncpg.Connection,
    declaration_id: uuid.UUID,
    employment_ids: list[uuid.UUID],
    bases: list[Decimal],
) -> bool:
    """Whether a repeated declaration carries exactly the stored (employment, base) pairs."""
    return await conn.fetchval(
        """
        SELECT NOT EXISTS (
            (SELECT employment_id, base FROM contribution_declaration_lines WHERE declaration_id = $1
             EXCEPT SELECT * FROM unnest($2::uuid[], $3::numeric[]))
            UNION ALL
            (SELECT * FROM unnest($2::uuid[], $3::numeric[])
             EXCEPT SELECT employment_id, base FROM contribution_declaration_lines
                    WHERE declaration_id = $1))
        """,
        declaration_id,
        employment_ids,
        bases,
    )


async def keep_revision(conn: asyncpg.Connection, declaration_id: uuid.UUID, replaced_by: str) -> None:
    """Snapshot a declaration's header figures and lines before they are replaced."""
    await conn.execute(
        """
        INSERT INTO contribution_declaration_revisions (
            declaration_id, kind, employer_rate, employee_rate, headcount, base_total,
            employer_amount, employee_amount, lines, replaced_by)
        SELECT d.id, d.kind, d.employer_rate, d.employee_rate, d.headcount, d.base_total,
               d.employer_amount, d.employee_amount,
               COALESCE((SELECT jsonb_agg(jsonb_build_object(
                            'employment_id', l.employment_id, 'person_id', l.person_id,
                            -- money as text: a JSON number would pass through a float
                            'base', l.base::text, 'employer_amount', l.employer_amount::text,
                            'employee_amount', l.employee_amount::text) ORDER BY l.employment_id)
                         FROM contribution_declaration_lines l WHERE l.declaration_id = d.id),
                        '[]'::jsonb),
               $2
        FROM contribution_declarations d WHERE d.id = $1
        """,
        declaration_id,
        replaced_by,
    )


async def settle_header(
    conn: asyncpg.Connection,
    declaration_id: uuid.UUID,
    *,
    settled_on: dt.date,
    rate_policy_id: int,
    employer_rate: Decimal,
    employee_rate: Decimal,
) -> None:
    """Turn an assessment into a settled declaration: the month's own rates, the lines replaced."""
    await conn.execute(
        """
        UPDATE contribution_declarations
        SET kind = 'settled', settled_on = $2, rate_policy_id = $3, employer_rate = $4,
            employee_rate = $5
        WHERE id = $1 AND kind = 'assessed'
        """,
        declaration_id,
        settled_on,
        rate_policy_id,
        employer_rate,
        employee_rate,
    )
    await conn.execute("DELETE FROM contribution_declaration_lines WHERE declaration_id = $1", declaration_id)


async def revisions(conn: asyncpg.Connection, declaration_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM contribution_declaration_revisions WHERE declaration_id = $1 ORDER BY id",
        declaration_id,
    )
