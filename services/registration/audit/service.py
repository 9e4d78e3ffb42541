"""Audit trail (稽核: who, when, what, why) of every change in the registration service.

Writers call :func:`record` inside their own transaction, so a change and its audit entry commit
together or not at all. Snapshots keep personal data under a few known keys, and every reader of
the trail gets those keys masked: auditors and case managers of every district read it, and its
purpose (who changed what, when, why) needs no ID number in full. An auditor who does need the
full values for one entity asks for a disclosure with a reason, which is itself recorded
(PIPL art. 28; DOMAIN.md, "Identifiers and validation").
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Mapping
from typing import Any

import asyncpg

from services.registration.audit import repository
from services.registration.audit.schemas import AuditEntryRead, DisclosureCreate
from shared.auth import Principal
from shared.ids import mask_id_number, mask_name

# Keys whose values are personal data (PIPL art. 28) wherever they appear in a snapshot.
_ID_KEYS = {"id_number", "bank_account", "account_number", "phone"}
_NAME_KEYS = {"person_name", "legal_representative", "contact_name", "account_name"}
DISCLOSURE_LIMIT = 500


def jsonable(value: Any) -> Any:
    """A snapshot value as JSON (dates ISO, Decimal as string, UUID as string)."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def mask_snapshot(value: Any) -> Any:
    if isinstance(value, dict):
        masked: dict[str, Any] = {}
        for key, item in value.items():
            if key in _ID_KEYS and isinstance(item, str):
                masked[key] = mask_id_number(item)
            elif key in _NAME_KEYS and isinstance(item, str):
                masked[key] = mask_name(item)
            else:
                masked[key] = mask_snapshot(item)
        return masked
    if isinstance(value, list):
        return [mask_snapshot(v) for v in value]
    return value


async def record(
    conn: asyncpg.Connection,
    principal: Principal,
    *,
    entity_type: str,
    entity_id: uuid.UUID | str,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> int:
    return await repository.insert(
        conn,
        entity_type=entity_type,
        entity_id=str(entity_id),
        action=action,
        actor=principal.subject,
        actor_role=principal.role.value,
        before=None if before is None else jsonable(before),
        after=None if after is None else jsonable(after),
        reason=reason,
    )


async def list_entries(
    conn: asyncpg.Connection,
    principal: Principal,
    *,
    entity_type: str | None,
    entity_id: str | None,
    actor: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int,
    offset: int,
) -> list[AuditEntryRead]:
    rows = await repository.list_entries(
        conn, entity_type=entity_type, entity_id=entity_id, actor=actor, since=since, until=until,
        limit=limit, offset=offset,
    )
    return [_read(row, masked=True) for row in rows]


async def disclose(conn: asyncpg.Connection, principal: Principal, data: DisclosureCreate) -> list[AuditEntryRead]:
    """One entity's entries in full for an auditor's stated need; the disclosure is recorded
    first, in the same transaction (no disclosure without its entry)."""
    async with conn.transaction():
        rows = await repository.list_entries(
            conn, entity_type=data.entity_type, entity_id=data.entity_id, actor=None, since=None,
            until=None, limit=DISCLOSURE_LIMIT, offset=0,
        )
        await record(
            conn, principal, entity_type=data.entity_type, entity_id=data.entity_id,
            action="personal_data_disclosed", after={"entries": len(rows)}, reason=data.reason,
        )
    return [_read(row, masked=False) for row in rows]


def _read(row: asyncpg.Record, *, masked: bool) -> AuditEntryRead:
    data = dict(row)
    if masked:
        data["before"] = mask_snapshot(data["before"])
        data["after"] = mask_snapshot(data["after"])
    return AuditEntryRead(**data)
