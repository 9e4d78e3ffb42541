"""All SQL of employers, their form 2-2 staff list and certificates. Parameterised only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

_SELECT = """
    SELECT e.*,
           (SELECT count(*) FROM employer_application_staff s WHERE s.employer_id = e.id) AS staff_listed
    FROM employers e
"""


async def insert_employer(conn: asyncpg.Connection, values: dict[str, Any]) -> bool:
    """Insert a submitted registration; False if the USCC is already registered."""
    inserted = await conn.fetchval(
        """
        INSERT INTO employers (
            id, uscc, uscc_check_overridden, name, address, legal_representative, unit_type,
            supervising_department, affiliation, bank_name, bank_account, contacts, documents,
            district, founded_on, existing_certificate_number, created_by, late_registration,
            submitted_on)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
        ON CONFLICT (uscc) DO NOTHING
        RETURNING id
        """,
        values["id"],
        values["uscc"],
        values["uscc_check_overridden"],
        values["name"],
        values["address"],
        values["legal_representative"],
        values["unit_type"],
        values["supervising_department"],
        values["affiliation"],
        values["bank_name"],
        values["bank_account"],
        values["contacts"],
        values["documents"],
        values["district"],
        values["founded_on"],
        values["existing_certificate_number"],
        values["created_by"],
        values["late_registration"],
        values["submitted_on"],
    )
    return inserted is not None


async def insert_application_staff(
    conn: asyncpg.Connection, employer_id: uuid.UUID, staff: list[tuple[str, str, dt.date, bool]]
) -> None:
    await conn.executemany(
        """
        INSERT INTO employer_application_staff
            (id, employer_id, id_number, name, hired_on, farmer_contract_worker)
        VALUES ($1, $2, $3, $4, $5, $6)
        """,
        [(uuid.uuid4(), employer_id, *member) for member in staff],
    )


async def application_staff(conn: asyncpg.Connection, employer_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT id_number, name, hired_on, farmer_contract_worker
        FROM employer_application_staff WHERE employer_id = $1 ORDER BY id_number
        """,
        employer_id,
    )


async def get(conn: asyncpg.Connection, employer_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(_SELECT + " WHERE e.id = $1", employer_id)


async def get_for_update(conn: asyncpg.Connection, employer_id: uuid.UUID) -> asyncpg.Record | None:
    """Lock the employer row: commands on one employer run one at a time."""
    await conn.execute("SELECT 1 FROM employers WHERE id = $1 FOR UPDATE", employer_id)
    return await get(conn, employer_id)


async def get_by_uscc(
    conn: asyncpg.Connection, uscc: str, *, for_update: bool = False
) -> asyncpg.Record | None:
    if for_update:
        await conn.execute("SELECT 1 FROM employers WHERE uscc = $1 FOR UPDATE", uscc)
    return await conn.fetchrow(_SELECT + " WHERE e.uscc = $1", uscc)


async def list_employers(
    conn: asyncpg.Connection,
    *,
    district: str | None,
    status: str | None,
    review_overdue: bool | None,
    uscc: str | None,
    limit: int,
    offset: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        _SELECT
        + " WHERE ($1::text IS NULL OR e.district = $1) AND ($2::text IS NULL OR e.status = $2)"
        + " AND ($3::boolean IS NULL OR e.review_overdue = $3) AND ($4::text IS NULL OR e.uscc = $4)"
        + " ORDER BY e.created_at DESC, e.id LIMIT $5 OFFSET $6",
        district,
        status,
        review_overdue,
        uscc,
        limit,
        offset,
    )


async def resubmit(conn: asyncpg.Connection, employer_id: uuid.UUID, values: dict[str, Any]) -> None:
    """A rejected registration submitted again: new form data, the previous decision cleared
    (it stays in the audit trail), the form 2-2 list replaced."""
    await conn.execute(
        """
        UPDATE employers
        SET uscc_check_overridden = $2, name = $3, address = $4, legal_representative = $5,
            unit_type = $6, supervising_department = $7, affiliation = $8, bank_name = $9,
            bank_account = $10, contacts = $11, documents = $12, founded_on = $13,
            existing_certificate_number = $14, late_registration = $15, submitted_on = $16,
            status = 'submitted',
            accepted_on = NULL, review_due_on = NULL, review_workflow_id = NULL,
            review_overdue = false, review_warned_at = NULL, review_overdue_at = NULL,
            decided_at = NULL, decided_by = NULL, rejection_reasons = NULL, updated_at = clock_now()
        WHERE id = $1 AND status = 'rejected'
        """,
        employer_id,
        values["uscc_check_overridden"],
        values["name"],
        values["address"],
        values["legal_representative"],
        values["unit_type"],
        values["supervising_department"],
        values["affiliation"],
        values["bank_name"],
        values["bank_account"],
        values["contacts"],
        values["documents"],
        values["founded_on"],
        values["existing_certificate_number"],
        values["late_registration"],
        values["submitted_on"],
    )
    await conn.execute("DELETE FROM employer_application_staff WHERE employer_id = $1", employer_id)


async def mark_accepted(
    conn: asyncpg.Connection,
    employer_id: uuid.UUID,
    *,
    accepted_on: dt.date,
    review_due_on: dt.date,
    review_workflow_id: str,
) -> None:
    await conn.execute(
        """
        UPDATE employers
        SET status = 'under_review', accepted_on = $2, review_due_on = $3, review_workflow_id = $4,
            review_round = review_round + 1, updated_at = clock_now()
        WHERE id = $1
        """,
        employer_id,
        accepted_on,
        review_due_on,
        review_workflow_id,
    )


async def mark_decided(
    conn: asyncpg.Connection,
    employer_id: uuid.UUID,
    *,
    status: str,
    decided_by: str,
    rejection_reasons: list[str] | None,
    certificate_number: str | None,
) -> None:
    await conn.execute(
        """
        UPDATE employers
        SET status = $2, decided_at = clock_now(), decided_by = $3, rejection_reasons = $4,
            certificate_number = $5, updated_at = clock_now()
        WHERE id = $1
        """,
        employer_id,
        status,
        decided_by,
        rejection_reasons,
        certificate_number,
    )


async def mark_review_warned(conn: asyncpg.Connection, employer_id: uuid.UUID) -> bool:
    """True when this call raised the warning (a repeated call changes nothing)."""
    flagged = await conn.fetchval(
        """
        UPDATE employers SET review_warned_at = clock_now(), updated_at = clock_now()
        WHERE id = $1 AND status = 'under_review' AND review_warned_at IS NULL
        RETURNING id
        """,
        employer_id,
    )
    return flagged is not None


async def mark_review_overdue(conn: asyncpg.Connection, employer_id: uuid.UUID) -> bool:
    """True when this call flagged it (a repeated call changes nothing)."""
    flagged = await conn.fetchval(
        """
        UPDATE employers SET review_overdue = true, review_overdue_at = clock_now(), updated_at = clock_now()
        WHERE id = $1 AND status = 'under_review' AND NOT review_overdue
        RETURNING id
        """,
        employer_id,
    )
    return flagged is not None


async def next_certificate_number(conn: asyncpg.Connection, district: str, on: dt.date) -> str:
    serial = await conn.fetchval("SELECT nextval('employer_certificate_serial')")
    return f"{district}{on:%Y}{serial:08d}"


async def insert_certificate(
    conn: asyncpg.Connection,
    *,
    employer_id: uuid.UUID,
    number: str,
    kind: str,
    issued_on: dt.date,
    created_by: str,
    replaces_id: uuid.UUID | None = None,
) -> uuid.UUID:
    return await conn.fetchval(
        """
        INSERT INTO employer_certificates (id, employer_id, number, kind, issued_on, created_by, replaces_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        RETURNING id
        """,
        uuid.uuid4(),
        employer_id,
        number,
        kind,
        issued_on,
        created_by,
        replaces_id,
    )


async def certificate_number_taken(conn: asyncpg.Connection, number: str) -> bool:
    return bool(await conn.fetchval("SELECT 1 FROM employer_certificates WHERE number = $1", number))


async def valid_certificate(conn: asyncpg.Connection, employer_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT * FROM employer_certificates WHERE employer_id = $1 AND status = 'valid'", employer_id
    )


async def end_certificate(
    conn: asyncpg.Connection, certificate_id: uuid.UUID, *, status: str, ended_on: dt.date, reason: str
) -> None:
    await conn.execute(
        """
        UPDATE employer_certificates SET status = $2, ended_on = $3, end_reason = $4
        WHERE id = $1 AND status = 'valid'
        """,
        certificate_id,
        status,
        ended_on,
        reason,
    )


async def set_certificate_number(
    conn: asyncpg.Connection, employer_id: uuid.UUID, number: str | None
) -> None:
    await conn.execute(
        "UPDATE employers SET certificate_number = $2, updated_at = clock_now() WHERE id = $1",
        employer_id,
        number,
    )


async def certificates(conn: asyncpg.Connection, employer_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT * FROM employer_certificates WHERE employer_id = $1 ORDER BY created_at, number",
        employer_id,
    )
