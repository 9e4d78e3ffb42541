"""Audit trail (稽核: who, when, what, why) of every change in the registration service.

Writers call :func:`record` inside their own transaction, so a change and its audit entry commit
together or not at all. Snapshots keep personal data under a few known keys; readers that do not
need it (operations) get those keys masked.
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
from services.registration.audit.schemas import AuditEntryRead
from shared.auth import Principal, Role
from shared.ids import mask_id_number, mask_name

# Keys whose values are personal data (PIPL art. 28) wherever they appear in a snapshot.
_ID_KEYS = {"id_number", "bank_account", "phone"}
_NAME_KEYS = {"person_name", "legal_representative", "contact_name"}
# Roles whose work needs the unmasked values: auditors cross-check, case managers decide.
_UNMASKED_ROLES = {Role.AUDITOR, Role.CASE_MANAGER}


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
    unmasked = principal.role in _UNMASKED_ROLES
    entries = []
    for row in rows:
        data = dict(row)
        if not unmasked:
            data["before"] = mask_snapshot(data["before"])
            data["after"] = mask_snapshot(data["after"])
        entries.append(AuditEntryRead(**data))
    return entries
