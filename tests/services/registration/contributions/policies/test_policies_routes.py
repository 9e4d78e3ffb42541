"""Contribution policy rows over the API (R-RATE-1/2, R-LATE-1, R-DECL-1): operations enter a
reduced-rate period as data and declarations follow it."""

from __future__ import annotations

import asyncpg
import httpx
import pytest

from tests.factories import auth
from tests.services.registration.contributions import factories as f


async def test_operations_enter_a_reduced_rate_period_and_declarations_use_it_r_rate_2(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await f.employer(conn)
    area = employer["district"]
    await f.policies(conn, area)
    reduced = {
        "area_code": area, "effective_from": "2025-05-01", "effective_to": "2025-07-01",
        "employer_rate": "0.005", "employee_rate": "0.005", "source": "测试: 阶段性降费",
    }
    first = await client.post("/contribution-policies/rates", json=reduced, headers=auth("operations"))
    again = await client.post("/contribution-policies/rates", json=reduced, headers=auth("operations"))
    other = await client.post(
        "/contribution-policies/rates", json={**reduced, "employer_rate": "0.004"}, headers=auth("operations")
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert (other.status_code, other.json()["code"], other.json()["field"]) == (409, "policy_period_exists", "effective_from")

    employment_id = await f.employment(conn, employer["id"])
    june = await f.declare(client, employer["id"], "2025-06", [(employment_id, "10000.00")])
    july = await f.declare(client, employer["id"], "2025-07", [(employment_id, "10000.00")])
    assert (june["employer_amount"], june["employee_amount"]) == ("50.00", "50.00")
    assert (july["employer_amount"], july["employee_amount"]) == ("200.00", "100.00")

    listed = (await client.get(f"/contribution-policies?area_code={area}", headers=auth("auditor"))).json()
    assert [r["effective_from"] for r in listed["rates"]] == ["2000-01-01", "2025-05-01"]
    assert [c["due_day"] for c in listed["collection"]] == [15]
    audit = await conn.fetchval(
        "SELECT count(*) FROM audit_log WHERE entity_type = 'contribution_rate_policy' AND entity_id = $1",
        str(first.json()["id"]),
    )
    assert audit == 1


async def test_the_shipped_sample_rows_are_marked_as_samples(client: httpx.AsyncClient) -> None:
    listed = (await client.get("/contribution-policies?area_code=430000", headers=auth("finance"))).json()
    statutory = [r for r in listed["rates"] if r["effective_from"] == "1999-01-22"]
    assert statutory and statutory[0]["employer_rate"] == "0.020000" and statutory[0]["is_sample"] is True
    assert all(c["is_sample"] for c in listed["collection"] if c["effective_from"] == "1999-01-22")


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"area_code": "43010"}, "invalid_district", "area_code"),
        ({"effective_to": "2025-05-01"}, "invalid_effective_period", "effective_to"),
        ({"employer_rate": "1.5"}, "invalid_less_than", "employer_rate"),
        ({"employee_rate": "0.0000001"}, "invalid_decimal_max_places", "employee_rate"),
        ({"source": ""}, "invalid_string_too_short", "source"),
    ],
)
async def test_bad_policy_rows_get_a_coded_422(
    client: httpx.AsyncClient, conn: asyncpg.Connection, body: dict, code: str, field: str
) -> None:
    area = f.district()
    payload = {"area_code": area, "effective_from": "2025-05-01", "employer_rate": "0.02", "employee_rate": "0.01",
               "source": "测试", **body}
    response = await client.post("/contribution-policies/rates", json=payload, headers=auth("operations"))
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert await conn.fetchval("SELECT count(*) FROM contribution_rate_policies WHERE area_code = $1", area) == 0


async def test_only_operations_enter_policy_rows(client: httpx.AsyncClient) -> None:
    body = {"area_code": f.district(), "effective_from": "2025-05-01", "due_day": 15,
            "late_fee_daily_rate": "0.0005", "assessment_factor": "1.1", "source": "测试"}
    for role in ("case_manager", "finance", "auditor", "service_point"):
        response = await client.post("/contribution-policies/collection", json=body, headers=auth(role))
        assert response.status_code == 403
    assert (await client.post("/contribution-policies/collection", json=body, headers=auth("operations"))).status_code == 201
