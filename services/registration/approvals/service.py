"""When a USCC override is prepared instead of accepted (R-CTRL-1): a case manager submits a
registration whose code fails its check character with ``uscc_check_override_reason``, the
province checks ``uscc_override``, and no second case manager has approved an override of that
code yet. Approved, the same submission goes through (and is audited as before)."""

from __future__ import annotations

import asyncpg

from services.registration.employers.schemas import EmployerCreate
from services.registration.employers.uscc import check_uscc
from shared import four_eyes
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.four_eyes_schemas import DecisionKind
from shared.results import Written


async def prepare_uscc_override(
    conn: asyncpg.Connection, principal: Principal, data: EmployerCreate, now: Moment
) -> Written[asyncpg.Record] | None:
    if data.uscc_check_override_reason is None or principal.role is not Role.CASE_MANAGER:
        return None  # no override asked, or one the submission itself refuses
    uscc, check_ok = check_uscc(data.uscc)
    district = data.district or principal.district
    if check_ok or district is None:
        return None
    async with conn.transaction():
        if not await four_eyes.required(conn, DecisionKind.USCC_OVERRIDE, district, now.today):
            return None
        if await four_eyes.approved_for(conn, DecisionKind.USCC_OVERRIDE, uscc) is not None:
            return None
        payload = {"uscc": uscc, "district": district, "reason": data.uscc_check_override_reason}
        return await four_eyes.prepare(
            conn, kind=DecisionKind.USCC_OVERRIDE, subject_id=uscc, payload=payload, district=district,
            principal=principal, now=now, reason=data.uscc_check_override_reason,
        )
