"""All SQL of the monthly assessment run (R-DECL-1), set-based across employers: one statement
for the headers, one for the lines, one for the totals, however many employers are assessed."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg


async def assess_undeclared(
    conn: asyncpg.Connection, month: dt.date, today: dt.date, district: str | None, created_by: str
) -> list[uuid.UUID]:
    """Assess every approved employer whose ``month`` is undeclared past its due date and whose
    previous month has a declaration (or an assessment); the employers are share-locked so a
    concurrent deregistration waits. Returns the new declarations' IDs."""
    rows = await conn.fetch(
        """
        WITH candidates AS (
            SELECT e.id AS employer_id, p.id AS previous_id, p.employer_rate, p.employee_rate,
                   c.id AS collection_policy_id, c.late_fee_daily_rate,
                   -- due_day is at most 28 (a table check): no month is too short for it
                   ($1::date + interval '1 month')::date + (c.due_day - 1) AS due_date
            FROM employers e
            JOIN contribution_declarations p
              ON p.employer_id = e.id AND p.contribution_month = ($1::date - interval '1 month')::date
            CROSS JOIN LATERAL (
                SELECT id, due_day, late_fee_daily_rate
                FROM contribution_collection_policies
                WHERE area_code = ANY (area_chain(e.district))
                  AND effective_from <= $1 AND (effective_to IS NULL OR effective_to > $1)
                ORDER BY array_position(area_chain(e.district), area_code::text), effective_from DESC
                LIMIT 1
            ) c
            WHERE e.status = 'approved'
              AND ($3::text IS NULL OR e.district = $3)
              AND NOT EXISTS (SELECT 1 FROM contribution_declarations d
                              WHERE d.employer_id = e.id AND d.contribution_month = $1)
            FOR SHARE OF e
        )
        INSERT INTO contribution_declarations (
            id, employer_id, contribution_month, kind, declared_on, due_date, rate_policy_id,
            collection_policy_id, employer_rate, employee_rate, late_fee_daily_rate,
            assessed_from_id, created_by)
        SELECT gen_random_uuid(), employer_id, $1, 'assessed', $2, due_date, NULL,
               collection_policy_id, employer_rate, employee_rate, late_fee_daily_rate,
               previous_id, $4
        FROM candidates
        WHERE $2::date > due_date
        ON CONFLICT (employer_id, contribution_month) DO NOTHING
        RETURNING id
        """,
        month,
        today,
        district,
        created_by,
    )
    return [r["id"] for r in rows]


async def total_declarations(conn: asyncpg.Connection, declaration_ids: list[uuid.UUID]) -> None:
    await conn.execute(
        """
        UPDATE contribution_declarations d
        SET headcount = t.headcount, base_total = t.base_total,
            employer_amount = t.employer_amount, employee_amount = t.employee_amount
        FROM (SELECT declaration_id, count(*) AS headcount, sum(base) AS base_total,
                     sum(employer_amount) AS employer_amount, sum(employee_amount) AS employee_amount
              FROM contribution_declaration_lines
              WHERE declaration_id = ANY ($1::uuid[])
              GROUP BY declaration_id) t
        WHERE d.id = t.declaration_id
        """,
        declaration_ids,
    )


async def assessed(conn: asyncpg.Connection, declaration_ids: list[uuid.UUID]) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT id, employer_id, contribution_month, assessed_from_id, due_date, headcount, total_amount
        FROM contribution_declarations WHERE id = ANY ($1::uuid[])
        ORDER BY employer_id
        """,
        declaration_ids,
    )
