"""Registration-service test data: USCCs, employer registrations, approved employers."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import httpx
from stdnum.cn import uscc as stdnum_uscc

from shared.clock import china_today
from services.registration.calendar.working_days import library_knows
from tests.factories import auth, id_number

_rng = random.Random()
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc(district: str = "430102") -> str:
    """A fresh, valid 统一社会信用代码 (GB 32100-2015)."""
    body = "91" + district + "".join(_rng.choice(_ALPHABET) for _ in range(9))
    return body + stdnum_uscc.calc_check_digit(body + "0")


def with_wrong_uscc_check(code: str) -> str:
    wrong = next(c for c in _ALPHABET if c != code[-1])
    return code[:-1] + wrong


def staff_member(**overrides: Any) -> dict[str, Any]:
    member: dict[str, Any] = {
        "id_number": id_number(),
        "name": "张三",
        "hired_on": (china_today() - dt.timedelta(days=10)).isoformat(),
    }
    member.update(overrides)
    return member


def employer_payload(**overrides: Any) -> dict[str, Any]:
    today = china_today()
    payload: dict[str, Any] = {
        "uscc": uscc(),
        "name": "长沙某科技有限公司",
        "address": "长沙市芙蓉区五一大道1号",
        "legal_representative": "赵六",
        "unit_type": "enterprise",
        "affiliation": "区属",
        "bank_name": "中国工商银行长沙五一路支行",
        "bank_account": "6222020200001234567",
        "contacts": [{"name": "王五", "phone": "0731-88880000", "role": "社保专管员"}],
        "district": "430102",
        "founded_on": (today - dt.timedelta(days=20)).isoformat(),
        "documents": [
            {"kind": "business_licence", "title": "营业执照副本", "received_on": today.isoformat()}
        ],
        "staff": [staff_member(), staff_member(name="李四")],
    }
    payload.update(overrides)
    return payload


async def ensure_calendar_known(client: httpx.AsyncClient) -> None:
    """Deadlines counted from today may reach next year: if the holiday library does not know it
    yet, enter a plain Monday–Friday table for it (in the test's rolled-back transaction)."""
    for year in (china_today().year, china_today().year + 1):
        if not library_knows(year):
            response = await client.put(
                f"/calendar/years/{year}",
                json={"source": "test: Monday–Friday", "days": []},
                headers=auth("operations"),
            )
            assert response.status_code == 200, response.text


async def submitted_employer(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    payload = employer_payload(**overrides)
    response = await client.post("/employers", json=payload, headers=auth("service_point", payload["district"]))
    assert response.status_code == 201, response.text
    return response.json()


async def accepted_employer(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    await ensure_calendar_known(client)
    employer = await submitted_employer(client, **overrides)
    accepted = await client.post(f"/employers/{employer['id']}/acceptance", headers=auth("case_manager"))
    assert accepted.status_code == 200, accepted.text
    return accepted.json()


async def approved_employer(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    """Submit, accept and approve a registration over the API; returns the employer."""
    await ensure_calendar_known(client)
    payload = employer_payload(**overrides)
    submitted = await client.post("/employers", json=payload, headers=auth("service_point", payload["district"]))
    assert submitted.status_code == 201, submitted.text
    employer_id = submitted.json()["id"]
    accepted = await client.post(f"/employers/{employer_id}/acceptance", headers=auth("case_manager"))
    assert accepted.status_code == 200, accepted.text
    decided = await client.post(
        f"/employers/{employer_id}/decision", json={"approved": True}, headers=auth("case_manager")
    )
    assert decided.status_code == 201, decided.text
    return decided.json()
