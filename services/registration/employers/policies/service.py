"""Employer-registration policy rows: listed for everyone who works with employers, entered by
operations. A row is never edited: a new period is a new row; the same row sent again is
harmless, a different one for the same area and start date conflicts."""

from __future__ import annotations

import asyncpg

from services.registration.audit import service as audit
from services.registration.employers.policies import repository
from services.registration.employers.policies.schemas import RegistrationPolicyCreate, RegistrationPolicyRead
from shared.auth import Principal
from shared.errors import Conflict


async def list_policies(conn: asyncpg.Connection, area_code: str | None) -> list[RegistrationPolicyRead]:
    return [RegistrationPolicyRead(**dict(r)) for r in await repository.list_rows(conn, area_code)]


async def enter(
    conn: asyncpg.Connection, principal: Principal, data: RegistrationPolicyCreate
) -> tuple[RegistrationPolicyRead, bool]:
    async with conn.transaction():
        row, created = await repository.insert(conn, data.model_dump())
        if not created and any(row[k] != v for k, v in data.model_dump().items()):
            raise Conflict(
                "policy_period_exists", "该地区自该日期起已有登记业务参数, 新的期间请另设生效日期", "effective_from"
            )
        if created:
            await audit.record(
                conn, principal, entity_type="employer_registration_policy", entity_id=str(row["id"]),
                action="entered", after=dict(row), reason=data.source,
            )
    return RegistrationPolicyRead(**dict(row)), created
