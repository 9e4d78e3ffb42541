"""Factory functions for test data and tokens (no fixture files)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from stdnum.cn import ric

from shared.clock import china_today
from shared.auth import Role, issue_token
from shared.settings import CommonSettings

_rng = random.Random()
# Never the same number twice in one test process: a load test draws thousands, and a repeat
# would be answered as the same person's registration (200, not 201).
_issued: set[str] = set()


def id_number(district: str = "430102", birth: dt.date | None = None) -> str:
    """A fresh, valid 18-character national ID number (GB 11643-1999)."""
    while True:
        day = birth or dt.date(1970, 1, 1) + dt.timedelta(days=_rng.randrange(0, 365 * 35))
        body = f"{district}{day:%Y%m%d}{_rng.randrange(0, 1000):03d}"
        # calc_check_digit expects a full-length number and ignores its last character.
        number = body + ric.calc_check_digit(body + "0")
        if number not in _issued:
            _issued.add(number)
            return number


def with_wrong_check_digit(number: str) -> str:
    wrong = next(c for c in "0123456789X" if c != number[-1])
    return number[:-1] + wrong


def token(role: Role | str, district: str | None = None, subject: str | None = None) -> str:
    settings = CommonSettings()
    role = Role(role)
    if role is Role.SERVICE_POINT and district is None:
        district = "430102"
    return issue_token(
        settings.token_keys(),
        subject=subject or f"test-{role.value}",
        role=role,
        district=district,
    )


def auth(role: Role | str, district: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role, district)}"}


def registration_payload(**overrides: Any) -> dict[str, Any]:
    today = china_today()
    payload: dict[str, Any] = {
        "id_number": id_number(),
        "name": "张三",
        "district": "430102",
        "separation_date": (today - dt.timedelta(days=20)).isoformat(),
        "separation_reason": "contract_expired",
        "registration_date": (today - dt.timedelta(days=5)).isoformat(),
        "wants_work": True,
    }
    payload.update(overrides)
    return payload
