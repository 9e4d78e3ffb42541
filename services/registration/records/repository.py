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


async def insert_payment_entries(
    conn: asyncpg.Connection, declaration_id: uuid.UUID, paid_on: dt.date, recorded_by: str
) -> None:
    """One entry per person of a settled month, in one statement. Only people whose employment
    covers the month (an assessed month copies the previous month's lines, R-DECL-1)."""
    await conn.execute(
        """
        INSERT INTO contribution_records (
            person_id, employer_id, employment_id, contribution_month, base, employer_amount,
            employee_amount, employer_share_paid, personal_share_paid, personal_share_required,
            entry_kind, declaration_id, effective_on, recorded_by)
        SELECT l.person_id, d.employer_id, l.employment_id, d.contribution_month, l.base,
               l.employer_amount, l.employee_amount, true, NOT l.farmer_contract_worker,
               NOT l.farmer_contract_worker, 'payment', d.id, $2, $3
        FROM contribution_declaration_lines l
        JOIN contribution_declarations d ON d.id = l.declaration_id
        JOIN employments e ON e.id = l.employment_id
        WHERE l.declaration_id = $1
          AND e.hired_on < (d.contribution_month + interval '1 month')
          AND (e.separated_on IS NULL OR e.separated_on >= d.contribution_month)
        ON CONFLICT (declaration_id, employment_id) WHERE entry_kind = 'payment' DO NOTHING
        """,
        declaration_id,
        paid_on,
        recorded_by,
    )


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
