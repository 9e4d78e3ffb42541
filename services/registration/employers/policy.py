"""Effective-dated parameters of employer registration (table employer_registration_policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import asyncpg

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
    row = await conn.fetchrow(
        """
        SELECT review_working_days, review_warning_working_days, enrolment_deadline_days,
               separation_notice_days, separation_notice_max_days
        FROM employer_registration_policy
        WHERE area_code IN ($1, $2, $3)
          AND effective_from <= $4 AND (effective_to IS NULL OR effective_to >= $4)
        ORDER BY CASE area_code WHEN $1 THEN 0 WHEN $2 THEN 1 ELSE 2 END
        LIMIT 1
        """,
        district,
        district[:4] + "00",
        district[:2] + "0000",
        on,
    )
    if row is None:
        raise DomainError(
            "registration_policy_missing",
            f"{district} 在 {on} 没有生效的登记业务参数",
            "district",
            status_code=409,
        )
    return RegistrationPolicy(**dict(row))
