"""All SQL of individual contribution records (个人缴费记录, R-REC-1). Append-only: the table's
trigger refuses UPDATE and DELETE; the latest entry (highest id) for a person, employer and
month is the one in force. Parameterised statements only."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

# The month counts toward contribution time when the employer share and (where one is due,
# R-RATE-1) the personal share were paid.
_COUNTS = "(employer_share_paid AND (personal_share_paid OR NOT personal_share_required))"

_LATEST = f"""
    SELECT DISTINCT ON (employer_id, contribution_month)
           id, person_id, employer_id, employment_id, contribution_month, base, employer_amount,
           employee_amount, employer_share_paid, personal_share_paid, personal_share_required,
           entry_kind, corrects_id, effective_on, reason, recorded_by, recorded_at,
           {_COUNTS} AS counts
    FROM contribution_records
    WHERE person_id = $1 AND contribution_month <= $2
    ORDER BY employer_id, contribution_month, id DESC
"""


# Credits: each person whose employment covers the declared month gets a payment entry, or a
# correction entry where one in force has other figures (a settlement replaced the assessment).
# $1 declaration, $2 fully paid, $3 effective on, $4 recorded by.
_CREDIT_MONTH = """
    WITH desired AS (
        SELECT l.person_id, d.employer_id, l.employment_id, d.contribution_month, l.base,
               l.employer_amount, l.employee_amount,
               NOT l.farmer_contract_worker AS personal_required, d.id AS declaration_id
        FROM contribution_declaration_lines l
        JOIN contribution_declarations d ON d.id = l.declaration_id
        JOIN employments e ON e.id = l.employment_id
        WHERE l.declaration_id = $1 AND $2
          AND e.hired_on < (d.contribution_month + interval '1 month')
          AND (e.separated_on IS NULL OR e.separated_on >= d.contribution_month)
    ), in_force AS (
        SELECT DISTINCT ON (c.person_id) c.*
        FROM contribution_records c
        JOIN desired x ON c.person_id = x.person_id AND c.employer_id = x.employer_id
                      AND c.contribution_month = x.contribution_month
        ORDER BY c.person_id, c.id DESC
    )
    INSERT INTO contribution_records (
        person_id, employer_id, employment_id, contribution_month, base, employer_amount,
        employee_amount, employer_share_paid, personal_share_paid, personal_share_required,
        entry_kind, declaration_id, corrects_id, effective_on, reason, request_key, recorded_by)
    SELECT x.person_id, x.employer_id, x.employment_id, x.contribution_month, x.base,
           x.employer_amount, x.employee_amount, true, x.personal_required, x.personal_required,
           CASE WHEN f.id IS NULL THEN 'payment' ELSE 'correction' END,
           CASE WHEN f.id IS NULL THEN x.declaration_id END,
           f.id, $3,
           CASE WHEN f.id IS NOT NULL THEN '结算: 按补办申报的缴费基数更正 (R-DECL-1)' END,
           CASE WHEN f.id IS NOT NULL THEN 'settlement:' || x.declaration_id || ':' || f.id END,
           $4
    FROM desired x
    LEFT JOIN in_force f ON f.person_id = x.person_id
    WHERE f.id IS NULL
       OR NOT (f.base = x.base AND f.employer_amount = x.employer_amount
               AND f.employee_amount = x.employee_amount AND f.employer_share_paid
               AND (f.personal_share_paid OR NOT x.personal_required)
               AND f.personal_share_required = x.personal_required)
    ON CONFLICT DO NOTHING
"""

# Reversals: people this month's payment credited who are no longer credited by it.
_REVERSE_MONTH_CREDITS = f"""
    WITH month AS (
        SELECT id, employer_id, contribution_month FROM contribution_declarations WHERE id = $1
    ), in_force AS (
        SELECT DISTINCT ON (c.person_id) c.*, {_COUNTS} AS counts
        FROM contribution_records c
        JOIN month m ON c.employer_id = m.employer_id AND c.contribution_month = m.contribution_month
        WHERE EXISTS (SELECT 1 FROM contribution_records p
                      WHERE p.declaration_id = $1 AND p.person_id = c.person_id)
        ORDER BY c.person_id, c.id DESC
    )
    INSERT INTO contribution_records (
        person_id, employer_id, employment_id, contribution_month, base, employer_amount,
        employee_amount, employer_share_paid, personal_share_paid, personal_share_required,
        entry_kind, corrects_id, effective_on, reason, request_key, recorded_by)
    SELECT f.person_id, f.employer_id, f.employment_id, f.contribution_month, f.base,
           f.employer_amount, f.employee_amount, false, false, f.personal_share_required,
           'correction', f.id, $3, '结算: 补办申报后该月尚未缴足, 暂不计入缴费记录 (R-DECL-1)',
           'settlement:' || $1 || ':' || f.id, $4
    FROM in_force f
    WHERE f.counts AND (
        NOT $2 OR NOT EXISTS (
            SELECT 1 FROM contribution_declaration_lines l
            WHERE l.declaration_id = $1 AND l.person_id = f.person_id))
    ON CONFLICT DO NOTHING
"""


async def sync_month_entries(
    conn: asyncpg.Connection,
    declaration_id: uuid.UUID,
    *,
    fully_paid: bool,
    effective_on: dt.date,
    recorded_by: str,
) -> None:
    """Bring the records of a month's people in line with its declaration, append-only (R-REC-1).

    Fully paid: each person whose employment covers the month (an assessed month copies the
    previous month's lines, R-DECL-1) gets a payment entry, or, when an entry is already in
    force with other figures (a settlement replaced the assessment), a correction entry.
    Not fully paid (a settlement raised the amount): what this month's payment had credited is
    reversed until the rest is paid. Two set-based statements, whatever the headcount."""
    for statement in (_CREDIT_MONTH, _REVERSE_MONTH_CREDITS):
        await conn.execute(statement, declaration_id, fully_paid, effective_on, recorded_by)


async def latest_entries(
    conn: asyncpg.Connection, person_id: uuid.UUID, up_to_month: dt.date
) -> list[asyncpg.Record]:
    """The entry in force for each employer and month up to ``up_to_month``, by month."""
    return await conn.fetch(
        "SELECT * FROM (" + _LATEST + ") latest ORDER BY contribution_month, employer_id",
        person_id,
        up_to_month,
    )


async def all_entries(conn: asyncpg.Connection, person_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"""
        SELECT id, person_id, employer_id, employment_id, contribution_month, base, employer_amount,
               employee_amount, employer_share_paid, personal_share_paid, personal_share_required,
               entry_kind, corrects_id, effective_on, reason, recorded_by, recorded_at,
               {_COUNTS} AS counts
        FROM contribution_records WHERE person_id = $1
        ORDER BY contribution_month, employer_id, id
        """,
        person_id,
    )


async def insurance_spells(
    conn: asyncpg.Connection, person_id: uuid.UUID, up_to_month: dt.date
) -> list[asyncpg.Record]:
    """Runs of consecutive counted months per employer (gaps and islands), by first month."""
    return await conn.fetch(
        f"""
        WITH counted AS (
            SELECT employer_id, contribution_month,
                   (extract(year FROM contribution_month) * 12
                    + extract(month FROM contribution_month))::int AS month_index
            FROM ({_LATEST}) latest WHERE counts
        ), islands AS (
            SELECT employer_id, contribution_month,
                   month_index - row_number() OVER (
                       PARTITION BY employer_id ORDER BY contribution_month)::int AS island
            FROM counted
        )
        SELECT employer_id, min(contribution_month) AS first_month,
               max(contribution_month) AS last_month, count(*)::int AS months
        FROM islands
        GROUP BY employer_id, island
        ORDER BY min(contribution_month), max(contribution_month), employer_id
        """,
        person_id,
        up_to_month,
    )


async def contribution_months(conn: asyncpg.Connection, person_id: uuid.UUID, up_to_month: dt.date) -> int:
    """Distinct calendar months counted across employers (two employers in one month: once)."""
    return await conn.fetchval(
        f"SELECT count(DISTINCT contribution_month)::int FROM ({_LATEST}) latest WHERE counts",
        person_id,
        up_to_month,
    )


async def get_entry(conn: asyncpg.Connection, entry_id: int) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT *, {_COUNTS} AS counts FROM contribution_records WHERE id = $1", entry_id
    )


async def latest_for(
    conn: asyncpg.Connection, person_id: uuid.UUID, employer_id: uuid.UUID, month: dt.date
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"""
        SELECT *, {_COUNTS} AS counts FROM contribution_records
        WHERE person_id = $1 AND employer_id = $2 AND contribution_month = $3
        ORDER BY id DESC LIMIT 1
        """,
        person_id,
        employer_id,
        month,
    )


async def get_correction(
    conn: asyncpg.Connection, person_id: uuid.UUID, request_key: str
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"""
        SELECT *, {_COUNTS} AS counts FROM contribution_records
        WHERE person_id = $1 AND request_key = $2 AND entry_kind = 'correction'
        """,
        person_id,
        request_key,
    )


async def insert_correction(
    conn: asyncpg.Connection,
    *,
    person_id: uuid.UUID,
    employer_id: uuid.UUID,
    employment_id: uuid.UUID | None,
    month: dt.date,
    base: Decimal,
    employer_amount: Decimal,
    employee_amount: Decimal,
    employer_share_paid: bool,
    personal_share_paid: bool,
    personal_share_required: bool,
    corrects_id: int | None,
    effective_on: dt.date,
    reason: str,
    request_key: str,
    recorded_by: str,
) -> int | None:
    """A correction entry; None when the request key was already used for this person."""
    return await conn.fetchval(
        """
        INSERT INTO contribution_records (
            person_id, employer_id, employment_id, contribution_month, base, employer_amount,
            employee_amount, employer_share_paid, personal_share_paid, personal_share_required,
            entry_kind, corrects_id, effective_on, reason, request_key, recorded_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'correction', $11, $12, $13, $14, $15)
        ON CONFLICT (person_id, request_key) WHERE entry_kind = 'correction' DO NOTHING
        RETURNING id
        """,
        person_id,
        employer_id,
        employment_id,
        month,
        base,
        employer_amount,
        employee_amount,
        employer_share_paid,
        personal_share_paid,
        personal_share_required,
        corrects_id,
        effective_on,
        reason,
        request_key,
        recorded_by,
    )


async def person_exists(conn: asyncpg.Connection, person_id: uuid.UUID) -> bool:
    return await conn.fetchval("SELECT EXISTS (SELECT 1 FROM persons WHERE id = $1)", person_id)


async def registered_in_district(conn: asyncpg.Connection, person_id: uuid.UUID, district: str) -> bool:
    return await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM unemployment_registrations WHERE person_id = $1 AND district = $2)",
        person_id,
        district,
    )


async def employer_exists(conn: asyncpg.Connection, employer_id: uuid.UUID) -> bool:
    return await conn.fetchval("SELECT EXISTS (SELECT 1 FROM employers WHERE id = $1)", employer_id)


async def employment_of(
    conn: asyncpg.Connection, employment_id: uuid.UUID
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT id, employer_id, person_id, farmer_contract_worker FROM employments WHERE id = $1",
        employment_id,
    )


async def hires_after_registration(
    conn: asyncpg.Connection, recorded_since: dt.datetime, limit: int
) -> list[asyncpg.Record]:
    """People with an open unemployment registration whose contribution record shows a job that
    began after their separation (R-STOP-1 re-employment, R-FRAUD-1 cross-check): one row per
    registration and new employment, from the first counted month on or after the registration's
    month. ``recorded_since`` makes polling incremental."""
    return await conn.fetch(
        f"""
        SELECT r.id AS registration_id, r.person_id, c.employer_id, em.id AS employment_id,
               e.name AS employer_name, em.hired_on, min(c.contribution_month) AS first_month,
               min(c.id) AS first_record_id, max(c.recorded_at) AS recorded_at
        FROM unemployment_registrations r
        JOIN LATERAL (
            -- the entries in force (latest per employer and month) that count, R-REC-1
            SELECT * FROM (
                SELECT DISTINCT ON (employer_id, contribution_month)
                       id, employer_id, employment_id, contribution_month, recorded_at,
                       {_COUNTS} AS counts
                FROM contribution_records
                WHERE person_id = r.person_id
                  AND contribution_month >= date_trunc('month', r.registration_date)::date
                ORDER BY employer_id, contribution_month, id DESC
            ) latest WHERE counts
        ) c ON true
        JOIN employments em ON em.id = c.employment_id AND em.hired_on > r.separation_date
        JOIN employers e ON e.id = c.employer_id
        WHERE r.status = 'open'
        GROUP BY r.id, r.person_id, c.employer_id, em.id, e.name, em.hired_on
        HAVING max(c.recorded_at) >= $1
        ORDER BY max(c.recorded_at), r.id, em.id
        LIMIT $2
        """,
        recorded_since,
        limit,
    )
