"""社会保险登记证 changes shared by change registration, renewal, replacement, deregistration.

Runs inside the caller's transaction; every certificate event goes to the audit trail.
"""

from __future__ import annotations

import datetime as dt

import asyncpg

from services.registration.audit import service as audit
from services.registration.employers import repository
from shared.auth import Principal


async def reissue(
    conn: asyncpg.Connection,
    principal: Principal,
    employer: asyncpg.Record,
    *,
    end_status: str,
    end_reason: str,
    today: dt.date,
    reason: str | None = None,
) -> str:
    """End the valid certificate (withdrawn / voided) and issue a new number; returns it."""
    old = await repository.valid_certificate(conn, employer["id"])
    if old is not None:
        await repository.end_certificate(conn, old["id"], status=end_status, ended_on=today, reason=end_reason)
    number = await repository.next_certificate_number(conn, employer["district"], today)
    certificate_id = await repository.insert_certificate(
        conn,
        employer_id=employer["id"],
        number=number,
        kind="issued",
        issued_on=today,
        created_by=principal.subject,
        replaces_id=None if old is None else old["id"],
    )
    await repository.set_certificate_number(conn, employer["id"], number)
    await audit.record(
        conn, principal, entity_type="certificate", entity_id=certificate_id,
        action=f"certificate_reissued_{end_reason}",
        before=None if old is None else {"number": old["number"], "status": "valid"},
        after={"employer_id": employer["id"], "number": number, "replaced_status": end_status},
        reason=reason,
    )
    return number


async def cancel(conn: asyncpg.Connection, principal: Principal, employer: asyncpg.Record, today: dt.date) -> None:
    """缴销 on deregistration."""
    old = await repository.valid_certificate(conn, employer["id"])
    if old is None:
        return
    await repository.end_certificate(conn, old["id"], status="cancelled", ended_on=today, reason="deregistration")
    await audit.record(
        conn, principal, entity_type="certificate", entity_id=old["id"], action="certificate_cancelled",
        before={"number": old["number"], "status": "valid"}, after={"number": old["number"], "status": "cancelled"},
    )
