"""Policy tables as effective-dated data: added by operations / finance, frozen once used."""

from __future__ import annotations

import asyncpg
import httpx
import pytest

from tests.factories import auth
from tests.services.benefits.factories import add_parameter, computed_claim


async def test_operations_add_a_parameter_once(client: httpx.AsyncClient) -> None:
    first = await add_parameter(client, area_code="430100", name="refusal_threshold", count=3)
    again = await add_parameter(client, area_code="430100", name="refusal_threshold", count=3)
    different = await add_parameter(client, area_code="430100", name="refusal_threshold", count=4)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["created_by"] == "test-operations"
    assert (different.status_code, different.json()["code"]) == (409, "policy_row_exists")


async def test_only_operations_and_finance_add_rows(client: httpx.AsyncClient) -> None:
    body = {"area_code": "430100", "name": "refusal_threshold", "count": 3, "effective_from": "2020-01-01", "source": "x"}
    for role in ("service_point", "case_manager", "auditor"):
        response = await client.post("/policy/parameters", json=body, headers=auth(role))
        assert response.status_code == 403


async def test_samples_are_marked_as_samples(client: httpx.AsyncClient) -> None:
    rows = (await client.get("/policy/parameters?area_code=430000", headers=auth("auditor"))).json()
    assert rows and all(r["is_sample"] and r["source"].startswith("SAMPLE") for r in rows)
    durations = (await client.get("/policy/durations?area_code=430000", headers=auth("auditor"))).json()
    assert [(d["min_contribution_years"], d["months"]) for d in durations if d["is_sample"]][:3] == [(1, 12), (5, 18), (10, 24)]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"name": "minimum_wage", "count": 3}, "parameter_value_required", "amount"),
        ({"name": "late_claim_option", "option": "sometimes"}, "invalid_option", "option"),
        ({"name": "benefit_ratio_of_minimum_wage", "ratio": "1.2"}, "invalid_less_than", "ratio"),
        ({"name": "dibao", "amount": "800", "area_code": "43010"}, "invalid_district", "area_code"),
        ({"name": "dibao", "amount": "800", "effective_to": "2019-01-01"}, "invalid_effective_period", "effective_to"),
    ],
)
async def test_bad_parameters_are_refused_with_the_field(
    client: httpx.AsyncClient, body: dict, code: str, field: str
) -> None:
    payload = {"area_code": "430100", "effective_from": "2020-01-01", "source": "测试", **body}
    response = await client.post("/policy/parameters", json=payload, headers=auth("finance"))
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)


async def test_a_duration_table_above_the_national_caps_is_refused(client: httpx.AsyncClient) -> None:
    """R-DUR-1 caps, R-DUR-5 may only grant fewer."""
    table = {
        "area_code": "430100", "effective_from": "2020-01-01", "source": "测试",
        "bands": [{"min_contribution_years": 1, "months": 12}, {"min_contribution_years": 4, "months": 18}],
    }
    response = await client.post("/policy/durations", json=table, headers=auth("operations"))
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        422, "duration_above_national_cap", "bands.1"
    )


async def test_a_row_used_by_a_decision_never_changes(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    claim = await computed_claim(client)
    used = await conn.fetchrow(
        "SELECT id, first_used_at FROM duration_policies WHERE id = (SELECT duration_policy_id FROM claims WHERE id = $1::uuid)",
        claim["id"],
    )
    assert used["first_used_at"] is not None
    assert claim["calculation"]["policy_rows"]["duration_policies"] == [used["id"]]
    with pytest.raises(asyncpg.IntegrityConstraintViolationError):
        async with conn.transaction():
            await conn.execute("UPDATE duration_policies SET months = 11 WHERE id = $1", used["id"])
    with pytest.raises(asyncpg.IntegrityConstraintViolationError):
        async with conn.transaction():
            await conn.execute("DELETE FROM duration_policies WHERE id = $1", used["id"])


async def test_what_is_in_force_for_a_district_on_a_date(client: httpx.AsyncClient) -> None:
    await add_parameter(client, area_code="430100", name="refusal_threshold", count=3, effective_from="2025-01-01")
    before = (await client.get("/policy/in-force?district=430102&on=2024-12-31", headers=auth("system"))).json()
    after = (await client.get("/policy/in-force?district=430102&on=2025-01-01", headers=auth("system"))).json()

    assert before["parameters"]["refusal_threshold"]["count"] == 2  # the province's sample row
    assert after["parameters"]["refusal_threshold"]["count"] == 3  # the city's own, from its date on
    assert [(d["min_contribution_years"], d["months"]) for d in after["duration_table"]] == [(1, 12), (5, 18), (10, 24)]
    assert after["monthly_benefit_amount"] == "1700.00"
