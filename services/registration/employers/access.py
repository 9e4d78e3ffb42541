"""Who may see and act on an employer: district scope and the sealed (封存) state."""

from __future__ import annotations

import uuid

import asyncpg

from services.registration.employers import repository
from shared.auth import Principal
from shared.errors import Conflict, NotFound

EMPLOYER_NOT_FOUND = NotFound("employer_not_found", "未找到该参保单位", "employer_id")


async def visible_employer(
    conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await (repository.get_for_update if for_update else repository.get)(conn, employer_id)
    # Another district's employer answers exactly like a missing one.
    if row is None or not principal.sees_district(row["district"]):
        raise EMPLOYER_NOT_FOUND
    return row


def require_active(employer: asyncpg.Record) -> None:
    """Sealed employers are read-only; only approved ones take enrolments, changes and so on."""
    if employer["status"] == "deregistered":
        raise Conflict("employer_sealed", "该单位已注销登记, 参保信息已封存, 不能办理此业务", "employer_id")
    if employer["status"] != "approved":
        raise Conflict("employer_not_approved", "该单位参保登记尚未审核通过", "employer_id")
