"""Contribution policy rows (R-RATE-1/2, R-LATE-1, R-DECL-1): listed for everyone who reads
contributions, entered by operations. A row is never edited: a new period is a new row; the
same row sent again is harmless, a different one for the same area and start date conflicts."""

from __future__ import annotations

import asyncpg

from services.registration.audit.service import record as audit
from services.registration.contributions.policies import repository
from services.registration.contributions.policies.schemas import (
    CollectionPolicyCreate,
    CollectionPolicyRead,
    ContributionPoliciesRead,
    RatePolicyCreate,
    RatePolicyRead,
)
from shared.auth import Principal
from shared.errors import Conflict
from shared.results import Written


async def list_policies(conn: asyncpg.Connection, area_code: str | None) -> ContributionPoliciesRead:
    return ContributionPoliciesRead(
        rates=[RatePolicyRead(**dict(r)) for r in await repository.list_rates(conn, area_code)],
        collection=[
            CollectionPolicyRead(**dict(r)) for r in await repository.list_collection(conn, area_code)
        ],
    )


def _same(row: asyncpg.Record, data: RatePolicyCreate | CollectionPolicyCreate) -> bool:
    return all(row[k] == v for k, v in data.model_dump().items())


async def enter_rate(conn: asyncpg.Connection, principal: Principal, data: RatePolicyCreate) -> Written[RatePolicyRead]:
    async with conn.transaction():
        row, created = await repository.insert_rate(conn, **data.model_dump())
        if not created and not _same(row, data):
            raise Conflict("policy_period_exists", "该地区自该日期起已有费率参数, 新的期间请另设生效日期", "effective_from")
        if created:
            await audit(
                conn, principal, entity_type="contribution_rate_policy", entity_id=str(row["id"]),
                action="enter", after=dict(row), reason=data.source,
            )
        return Written(RatePolicyRead(**dict(row)), created)


async def enter_collection(
    conn: asyncpg.Connection, principal: Principal, data: CollectionPolicyCreate
) -> Written[CollectionPolicyRead]:
    async with conn.transaction():
        row, created = await repository.insert_collection(conn, **data.model_dump())
        if not created and not _same(row, data):
            raise Conflict("policy_period_exists", "该地区自该日期起已有征缴参数, 新的期间请另设生效日期", "effective_from")
        if created:
            await audit(
                conn, principal, entity_type="contribution_collection_policy", entity_id=str(row["id"]),
                action="enter", after=dict(row), reason=data.source,
            )
        return Written(CollectionPolicyRead(**dict(row)), created)
