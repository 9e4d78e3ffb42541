"""Factory functions for the employment service's tests (no fixture files)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal
from typing import Any

import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.employment.registrations import known_registration

_rng = random.Random()


def seeker_payload(**overrides: Any) -> dict[str, Any]:
    """A job-seeker registration for a 失业登记 the stand-in registration service knows as open."""
    payload = {"registration_id": str(uuid.uuid4()), "person_id": str(uuid.uuid4()), "district": "430102"}
    payload.update(overrides)
    known_registration(payload["registration_id"], payload["person_id"], payload["district"])
    return payload


async def new_seeker(client: httpx.AsyncClient, role: str = "system", **overrides: Any) -> dict[str, Any]:
    payload = seeker_payload(**overrides)
    headers = auth(role, payload["district"]) if role == "service_point" else auth(role)
    response = await client.post("/job-seekers", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def profile(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "education": "secondary_vocational",
        "skills": ["低压电工作业", "PLC编程"],
        "preferred_occupations": ["电工"],
        "preferred_districts": ["430102"],
        "available_from": china_today().isoformat(),
        "working_time": "full_time",
    }
    body.update(overrides)
    return body


def unique_district() -> str:
    """A Hunan district code no other test uses (the fixed ones are 4301xx), so per-district
    figures are this test's alone; the province's sample policy rows apply to it."""
    return f"43{_rng.randrange(2000, 10000):04d}"


def provider_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": f"长沙市职业技能培训学校{_rng.randrange(10**6)}", "district": "430102"}
    body.update(overrides)
    return body


def course_payload(provider_id: str, **overrides: Any) -> dict[str, Any]:
    today = china_today()
    body: dict[str, Any] = {
        "provider_id": provider_id,
        "code": f"C{_rng.randrange(10**8):08d}",
        "title": "电工(四级)培训班",
        "occupation": "电工",
        "level": "4",
        "capacity": 30,
        "start_date": (today + dt.timedelta(days=7)).isoformat(),
        "end_date": (today + dt.timedelta(days=37)).isoformat(),
        "cost": str(Decimal("1800.00")),
    }
    body.update(overrides)
    return body


async def new_course(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    provider = await client.post("/training-providers", json=provider_payload(), headers=auth("operations"))
    assert provider.status_code == 201, provider.text
    response = await client.post(
        "/courses", json=course_payload(provider.json()["id"], **overrides), headers=auth("operations")
    )
    assert response.status_code == 201, response.text
    return response.json()


def vacancy_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "employer_name": "长沙某机电有限公司",
        "posting_ref": f"V{_rng.randrange(10**8):08d}",
        "occupation": "电工",
        "district": "430102",
        "wage_min": "4500.00",
        "wage_max": "6000.00",
        "openings": 2,
        "min_education": "senior_secondary",
        "required_skills": ["低压电工作业"],
    }
    body.update(overrides)
    return body


async def new_vacancy(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/vacancies", json=vacancy_payload(**overrides), headers=auth("case_manager"))
    assert response.status_code == 201, response.text
    return response.json()
