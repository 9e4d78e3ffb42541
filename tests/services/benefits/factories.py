from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from tests.factories import auth


def claim_payload(**overrides: Any) -> dict[str, Any]:
    today = dt.date.today()
    payload: dict[str, Any] = {
        "registration_id": str(uuid.uuid4()),
        "person_id": str(uuid.uuid4()),
        "district": "430102",
        "registration_date": (today - dt.timedelta(days=5)).isoformat(),
        "separation_date": (today - dt.timedelta(days=20)).isoformat(),
        "separation_reason": "contract_expired",
    }
    payload.update(overrides)
    return payload


async def open_claim(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/claims", json=claim_payload(**overrides), headers=auth("system"))
    assert response.status_code == 201, response.text
    return response.json()


async def approved_claim(client: httpx.AsyncClient, months: int = 12, **overrides: Any) -> dict[str, Any]:
    claim = await open_claim(client, **overrides)
    response = await client.post(
        f"/claims/{claim['id']}/decision",
        json={"approved": True, "entitlement_months": months},
        headers=auth("case_manager"),
    )
    assert response.status_code == 200, response.text
    return response.json()
