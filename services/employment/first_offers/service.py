"""First offers due, of career guidance or of vocational training: a service point sees its own
district's whatever it asks; a missing policy parameter refuses loudly."""

from __future__ import annotations

import datetime as dt

import asyncpg

from services.employment.first_offers import repository
from services.employment.first_offers.schemas import FirstOfferDue
from services.employment.policy.repository import PolicyMissing
from shared.auth import Principal, Role
from shared.clock import Moment


async def due(
    conn: asyncpg.Connection, principal: Principal, now: Moment, kind: str, *, district: str | None, limit: int
) -> list[FirstOfferDue]:
    if principal.role is Role.SERVICE_POINT:
        district = principal.district
    parameter, _ = repository.NOT_YET_OFFERED[kind]
    offers = []
    for row in await repository.waiting(conn, kind, district, limit):
        if row["days"] is None:
            raise PolicyMissing("policy_missing", f"未配置在该日期有效的政策参数: {parameter}", parameter)
        due_on = row["registered_on"] + dt.timedelta(days=row["days"])
        offers.append(FirstOfferDue(job_seeker_id=row["job_seeker_id"], district=row["district"],
                                    registered_on=row["registered_on"], due_on=due_on, overdue=now.today > due_on))
    return offers
