"""变更登记 (form 2-3): each changed item kept as history (old, new, who, when, why); a change of
an item printed on the certificate withdraws it and issues a new number. One transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from services.registration.audit import service as audit
from services.registration.employers import access, certificates
from services.registration.employers import repository as employers
from services.registration.employers.changes import repository
from services.registration.employers.changes.schemas import (
    CERTIFICATE_ITEMS,
    BankAccountValue,
    ChangeItem,
    ChangeRead,
    ChangeRegistrationCreate,
    ChangeRegistrationRead,
    ItemChange,
)
from services.registration.employers.schemas import UnitType, validate_bank_account
from services.registration.employers.service import snapshot, to_read
from services.registration.employers.uscc import check_uscc
from shared.auth import Principal, Role
from shared.errors import Conflict, InvalidInput
from shared.ids import mask_id_number, mask_name

_SEES_PERSONAL = {Role.CASE_MANAGER, Role.AUDITOR}


def _old_value(row: asyncpg.Record, change: ItemChange) -> Any:
    if change.item is ChangeItem.BANK_ACCOUNT:
        return {"bank_name": row["bank_name"], "bank_account": row["bank_account"]}
    if change.item is ChangeItem.ORGANISATION_CODE:
        return row["uscc"]
    if change.item is ChangeItem.OTHER:
        return (row["other_items"] or {}).get(change.other_item)
    return row[change.item.value]


# The same limits as form 2-1 (EmployerCreate) and the employers table.
_MAX_LENGTH = {
    ChangeItem.NAME: 200,
    ChangeItem.ADDRESS: 300,
    ChangeItem.LEGAL_REPRESENTATIVE: 50,
    ChangeItem.SUPERVISING_DEPARTMENT: 200,
    ChangeItem.AFFILIATION: 100,
    ChangeItem.OTHER: 200,
}


def _validated_new_value(change: ItemChange, index: int) -> Any:
    field = f"items.{index}.new_value"
    value = change.new_value
    limit = _MAX_LENGTH.get(change.item)
    if limit is not None and isinstance(value, str) and not 1 <= len(value) <= limit:
        raise InvalidInput("invalid_new_value_length", f"变更后的值长度须为1至{limit}个字符", field)
    try:
        if isinstance(value, BankAccountValue):
            return {"bank_name": value.bank_name, "bank_account": validate_bank_account(value.bank_account)}
        if change.item is ChangeItem.ORGANISATION_CODE:
            code, check_ok = check_uscc(value or "")
            if not check_ok:
                raise ValueError("invalid_uscc_checksum: 统一社会信用代码校验码错误")
            return code
        if change.item is ChangeItem.UNIT_TYPE:
            return UnitType(value).value
    except ValueError as exc:
        code, _, message = str(exc).partition(": ")
        if not message:
            code, message = "invalid_new_value", "变更后的值不符合要求"
        raise InvalidInput(code, message, field) from None
    return value


def _mask_value(item: str, value: Any, principal: Principal) -> Any:
    if principal.role in _SEES_PERSONAL or value is None:
        return value
    if item == ChangeItem.BANK_ACCOUNT.value:
        return {**value, "bank_account": mask_id_number(value["bank_account"])}
    if item == ChangeItem.LEGAL_REPRESENTATIVE.value:
        return mask_name(value)
    return value


def change_to_read(row: asyncpg.Record, principal: Principal) -> ChangeRead:
    data = {name: row[name] for name in ChangeRead.model_fields}
    data["old_value"] = _mask_value(row["item"], row["old_value"], principal)
    data["new_value"] = _mask_value(row["item"], row["new_value"], principal)
    return ChangeRead(**data)


async def _apply(conn: asyncpg.Connection, employer_id: uuid.UUID, change: ItemChange, value: Any) -> None:
    if change.item is ChangeItem.BANK_ACCOUNT:
        await repository.apply_bank_account(conn, employer_id, value["bank_name"], value["bank_account"])
    elif change.item is ChangeItem.OTHER:
        assert change.other_item is not None
        await repository.apply_other(conn, employer_id, change.other_item, value)
    else:
        await repository.apply_simple(conn, employer_id, change.item.value, value)


def _same_request(rows: list[asyncpg.Record], changes: list[tuple[ItemChange, Any]]) -> bool:
    # Items whose value was already current were not recorded the first time.
    recorded = {(r["item"], r["other_item"]): r["new_value"] for r in rows}
    asked = {(c.item.value, c.other_item): v for c, v in changes}
    return all(asked.get(key, object()) == value for key, value in recorded.items())


async def register_change(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: ChangeRegistrationCreate,
    *,
    today: dt.date,
) -> tuple[ChangeRegistrationRead, bool]:
    """(result, created): the same request_key repeated returns the first result."""
    validated = [(c, _validated_new_value(c, i)) for i, c in enumerate(data.items)]
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        recorded = await repository.changes_for_request(conn, employer_id, data.request_key)
        if recorded:
            if not _same_request(recorded, validated):
                raise Conflict("change_request_key_reused", "该变更申请编号已用于另一项变更", "request_key")
            return _result(row, recorded, principal), False
        access.require_active(row)
        effective = [(c, v) for c, v in validated if _old_value(row, c) != v]
        if not effective:
            raise InvalidInput("nothing_changed", "变更后的值与现登记信息相同", "items")
        await _check_uscc_free(conn, employer_id, validated)
        reissue = any(c.item in CERTIFICATE_ITEMS for c, _ in effective)
        await _record_changes(conn, principal, row, data, effective, reissue=reissue)
        if reissue:
            await certificates.reissue(
                conn, principal, row, end_status="withdrawn", end_reason="change", today=today,
                reason=data.reason,
            )
        after = await employers.get(conn, employer_id)
        await audit.record(
            conn, principal, entity_type="employer", entity_id=employer_id, action="changed",
            before=snapshot(row), after={**snapshot(after), "documents": [d.model_dump() for d in data.documents]},
            reason=data.reason,
        )
        recorded = await repository.changes_for_request(conn, employer_id, data.request_key)
    return _result(after, recorded, principal), True


async def _check_uscc_free(
    conn: asyncpg.Connection, employer_id: uuid.UUID, validated: list[tuple[ItemChange, Any]]
) -> None:
    """A new organisation code must not belong to another employer."""
    for index, (change, value) in enumerate(validated):
        if change.item is ChangeItem.ORGANISATION_CODE and await repository.uscc_taken(conn, value, employer_id):
            raise Conflict("employer_already_registered", "该统一社会信用代码已属于其他单位", f"items.{index}.new_value")


async def _record_changes(
    conn: asyncpg.Connection,
    principal: Principal,
    row: asyncpg.Record,
    data: ChangeRegistrationCreate,
    effective: list[tuple[ItemChange, Any]],
    *,
    reissue: bool,
) -> None:
    """Each changed item applied to the employer and kept as history: old, new, who, when, why."""
    for change, value in effective:
        await _apply(conn, row["id"], change, value)
        await repository.insert_change(
            conn,
            {
                "employer_id": row["id"],
                "request_key": data.request_key,
                "item": change.item.value,
                "other_item": change.other_item,
                "old_value": _old_value(row, change),
                "new_value": value,
                "reason": data.reason,
                "effective_on": data.effective_on,
                "certificate_reissued": reissue and change.item in CERTIFICATE_ITEMS,
                "changed_by": principal.subject,
                "changed_role": principal.role.value,
            },
        )


def _result(employer: asyncpg.Record, rows: list[asyncpg.Record], principal: Principal) -> ChangeRegistrationRead:
    return ChangeRegistrationRead(
        employer=to_read(employer, principal),
        changes=[change_to_read(r, principal) for r in rows],
        certificate_reissued=any(r["certificate_reissued"] for r in rows),
        certificate_number=employer["certificate_number"],
    )


async def change_history(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID
) -> list[ChangeRead]:
    await access.visible_employer(conn, principal, employer_id)
    return [change_to_read(r, principal) for r in await repository.history(conn, employer_id)]
