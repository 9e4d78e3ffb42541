from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.four_eyes import approve_as_second


def claim_payload(**overrides: Any) -> dict[str, Any]:
    today = china_today()
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
    # R-CTRL-1: prepared by the case manager, approved by a second one.
    response = await approve_as_second(client, response)
    assert response.status_code == 200, response.text
    return response.json()


def evidence(contribution_months: int, spells: list[dict[str, Any]] | None = None, **overrides: Any) -> dict[str, Any]:
    """The registration service's insurance history as the journey passes it (contract item 4)."""
    payload: dict[str, Any] = {
        "as_of": china_today().isoformat(),
        "contribution_months": contribution_months,
        "spells": spells or [],
        "source": "registration-service",
    }
    payload.update(overrides)
    return payload


def spell(first_month: str, last_month: str, months: int) -> dict[str, Any]:
    return {"employer_id": str(uuid.uuid4()), "first_month": first_month, "last_month": last_month, "months": months}


async def decide(client: httpx.AsyncClient, claim_id: str, **body: Any) -> httpx.Response:
    """The decision as one step would answer it: an approval prepared (202, R-CTRL-1) is
    approved by a second case manager; a rejection is one step."""
    response = await client.post(
        f"/claims/{claim_id}/decision", json={"approved": True, **body}, headers=auth("case_manager")
    )
    return await approve_as_second(client, response)


async def prepare_decision(client: httpx.AsyncClient, claim_id: str, **body: Any) -> httpx.Response:
    """The first step only (R-CTRL-1): the case manager's prepared approval (202)."""
    return await client.post(
        f"/claims/{claim_id}/decision", json={"approved": True, **body}, headers=auth("case_manager")
    )


async def computed_claim(client: httpx.AsyncClient, contribution_months: int = 36, **overrides: Any) -> dict[str, Any]:
    """A claim opened with evidence and approved with the entitlement the service computes."""
    overrides.setdefault("evidence", evidence(contribution_months))
    claim = await open_claim(client, **overrides)
    response = await decide(client, claim["id"])
    assert response.status_code == 200, response.text
    return response.json()


async def add_parameter(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    body.setdefault("effective_from", "2020-01-01")
    body.setdefault("source", "测试: 政策文件")
    return await client.post("/policy/parameters", json=body, headers=auth("operations"))


ACCOUNT = {"bank_code": "ICBC", "account_number": "6222021234567890123", "account_name": "张三"}


async def set_account(client: httpx.AsyncClient, claim_id: str, **overrides: Any) -> httpx.Response:
    return await client.post(
        f"/claims/{claim_id}/bank-accounts", json={**ACCOUNT, **overrides}, headers=auth("service_point", "430102")
    )


async def pay_months(client: httpx.AsyncClient, claim_id: str, *months: int) -> list[dict[str, Any]]:
    paid = []
    for month in months:
        response = await client.post(
            f"/claims/{claim_id}/payments", json={"benefit_month": month}, headers=auth("system")
        )
        assert response.status_code in (200, 201), response.text
        paid.append(response.json())
    return paid


def parse_bank_file(text: str) -> tuple[list[str], list[list[str]]]:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "H" and all(r[0] == "D" for r in rows[1:])
    return rows[0], rows[1:]
