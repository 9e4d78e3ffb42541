"""Effective-dated parameters of employer registration, as the rules read them (rows entered
through ``/employer-registration-policies``, see policies/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import asyncpg

from services.registration.employers.policies import repository
from shared.errors import DomainError


@dataclass(frozen=True)
class RegistrationPolicy:
    review_working_days: int
    review_warning_working_days: int
    enrolment_deadline_days: int
    separation_notice_days: int
    separation_notice_max_days: int


async def policy_for(conn: asyncpg.Connection, district: str, on: dt.date) -> RegistrationPolicy:
    """The most specific row (district, city, province) in force on ``on``."""
    row = await repository.in_force(conn, district, on)
    if row is None:
        raise DomainError(
            "registration_policy_missing",
            f"{district} 在 {on} 没有生效的登记业务参数",
            "district",
            status_code=409,
        )
    return RegistrationPolicy(**{name: row[name] for name in RegistrationPolicy.__dataclass_fields__})
