"""Monthly declarations over the API: rates (R-RATE-1/2), rounding, idempotency, sealed
employers, bad input, district scope, and a large employer's declaration in one request."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx
import pytest

from tests.factories import auth
from tests.services.registration.contributions import factories as f


async def declaration_count(conn: asyncpg.Connection, employer_id: uuid.UUID) -> tuple[int, int]:
    return (
        await conn.fetchval("SELECT count(*) FROM contribution_declarations WHERE employer_id = $1", employer_id),
        await conn.fetchval(
            "SELECT count(*) FROM contribution_declaration_lines l JOIN contribution_declarations d"
            " ON d.id = l.declaration_id WHERE d.employer_id = $1",
            employer_id,
        ),
    )


@pytest.fixture
async def employer(conn: asyncpg.Connection) -> dict:
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    return employer


async def test_worked_example_10000_base_gives_200_employer_and_100_personal_r_rate_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    employment_id = await f.employment(conn, employer["id"])
    body = await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])

    assert body["kind"] == "declared"
    assert body["contribution_month"] == "2025-03"
    assert body["due_date"] == "2025-04-15"
    assert (body["employer_amount"], body["employee_amount"], body["total_amount"]) == (
        "200.00", "100.00", "300.00")
    assert body["outstanding_amount"] == "300.00"
    assert body["headcount"] == 1
    [line] = body["lines"]
    assert (line["base"], line["employer_amount"], line["employee_amount"]) == ("10000.00", "200.00", "100.00")


async def test_farmer_contract_workers_pay_no_personal_share_r_rate_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    farmer = await f.employment(conn, employer["id"], farmer_contract_worker=True)
    regular = await f.employment(conn, employer["id"])
    body = await f.declare(client, employer["id"], "2025-03", [(farmer, "5000.00"), (regular, "5000.00")])

    by_employment = {line["employment_id"]: line for line in body["lines"]}
    assert by_employment[str(farmer)]["employee_amount"] == "0.00"
    assert by_employment[str(farmer)]["farmer_contract_worker"] is True
    assert by_employment[str(regular)]["employee_amount"] == "50.00"
    assert (body["employer_amount"], body["employee_amount"]) == ("200.00", "50.00")


async def test_a_reduced_rate_period_is_data_r_rate_2(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    # 1% in total (0.7% + 0.3%) for the first half of 2025, then back to 2% + 1%.
    await f.policies(
        conn, employer["district"], employer_rate="0.007", employee_rate="0.003",
        effective_from=dt.date(2025, 1, 1), effective_to=dt.date(2025, 7, 1), collection=False,
    )
    employment_id = await f.employment(conn, employer["id"])
    reduced = await f.declare(client, employer["id"], "2025-06", [(employment_id, "10000.00")])
    statutory = await f.declare(client, employer["id"], "2025-07", [(employment_id, "10000.00")])

    assert (reduced["employer_amount"], reduced["employee_amount"]) == ("70.00", "30.00")
    assert (reduced["employer_rate"], reduced["employee_rate"]) == ("0.007000", "0.003000")
    assert (statutory["employer_amount"], statutory["employee_amount"]) == ("200.00", "100.00")


async def test_amounts_are_rounded_half_up_to_the_fen_per_person(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    first = await f.employment(conn, employer["id"])
    second = await f.employment(conn, employer["id"])
    # 1234.25 × 2% = 24.685 → 24.69; × 1% = 12.3425 → 12.34. 0.25 × 2% = 0.005 → 0.01.
    body = await f.declare(client, employer["id"], "2025-03", [(first, "1234.25"), (second, "0.25")])

    by_employment = {line["employment_id"]: line for line in body["lines"]}
    assert (by_employment[str(first)]["employer_amount"], by_employment[str(first)]["employee_amount"]) == (
        "24.69", "12.34")
    assert by_employment[str(second)]["employer_amount"] == "0.01"
    assert (body["base_total"], body["employer_amount"], body["employee_amount"]) == (
        "1234.50", "24.70", "12.34")


async def test_the_same_declaration_repeated_returns_the_first_and_a_different_one_conflicts(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    employment_id = await f.employment(conn, employer["id"])
    first = await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    again = await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000")], expect=200)
    changed = await client.post(
        f"/employers/{employer['id']}/declarations",
        json={"contribution_month": "2025-03", "lines": [{"employment_id": str(employment_id), "base": "9000"}]},
        headers=auth("case_manager"),
    )

    assert again["id"] == first["id"]
    assert changed.status_code == 409
    assert (changed.json()["code"], changed.json()["field"]) == ("month_already_declared", "contribution_month")
    assert await declaration_count(conn, employer["id"]) == (1, 1)


@pytest.mark.parametrize(
    ("status", "code"),
    [("deregistered", "employer_sealed"), ("submitted", "employer_not_approved"), ("rejected", "employer_not_approved")],
)
async def test_a_sealed_or_unapproved_employer_cannot_declare(
    client: httpx.AsyncClient, conn: asyncpg.Connection, status: str, code: str
) -> None:
    employer = await f.employer(conn, status=status)
    await f.policies(conn, employer["district"])
    employment_id = await f.employment(conn, employer["id"])
    response = await client.post(
        f"/employers/{employer['id']}/declarations",
        json={"contribution_month": "2025-03", "lines": [{"employment_id": str(employment_id), "base": "100"}]},
        headers=auth("case_manager"),
    )
    assert response.status_code == 409
    assert (response.json()["code"], response.json()["field"]) == (code, "employer_id")
    assert await declaration_count(conn, employer["id"]) == (0, 0)


async def test_people_not_insured_at_the_employer_in_that_month_are_refused_and_nothing_is_written(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    other_employer = await f.employer(conn)
    insured = await f.employment(conn, employer["id"])
    elsewhere = await f.employment(conn, other_employer["id"])
    left_before = await f.employment(
        conn, employer["id"], hired_on=dt.date(2020, 1, 1), separated_on=dt.date(2025, 2, 28)
    )
    hired_after = await f.employment(conn, employer["id"], hired_on=dt.date(2025, 4, 1))
    for position, bad in ((1, elsewhere), (1, left_before), (1, hired_after)):
        response = await client.post(
            f"/employers/{employer['id']}/declarations",
            json={
                "contribution_month": "2025-03",
                "lines": [{"employment_id": str(insured), "base": "100"}, {"employment_id": str(bad), "base": "100"}],
            },
            headers=auth("case_manager"),
        )
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "employment_not_insured_in_month"
        assert response.json()["field"] == f"lines.{position}.employment_id"
    assert await declaration_count(conn, employer["id"]) == (0, 0)


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"contribution_month": "2025-13"}, "invalid_contribution_month", "contribution_month"),
        ({"contribution_month": "2025/03"}, "invalid_contribution_month", "contribution_month"),
        ({"contribution_month": "2098-01"}, "contribution_month_in_future", "contribution_month"),
        ({"lines": [{"employment_id": "EMP", "base": "-1"}]}, "invalid_greater_than_equal", "lines.0.base"),
        ({"lines": [{"employment_id": "EMP", "base": "100.001"}]}, "invalid_decimal_max_places", "lines.0.base"),
        ({"lines": [{"employment_id": "EMP", "base": "NaN"}]}, "invalid_finite_number", "lines.0.base"),
        ({"lines": []}, "invalid_too_short", "lines"),
        ({"lines": [{"employment_id": "EMP", "base": "1"}, {"employment_id": "EMP", "base": "2"}]},
         "duplicate_employment", "lines"),
        ({"lines": [{"employment_id": "not-a-uuid", "base": "1"}]}, "invalid_uuid_parsing", "lines.0.employment_id"),
        ({"extra": 1}, "unknown_field", "extra"),
    ],
)
async def test_bad_input_gets_a_coded_422_and_writes_nothing(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict, body: dict, code: str, field: str
) -> None:
    employment_id = str(await f.employment(conn, employer["id"]))
    payload = {"contribution_month": "2025-03", "lines": [{"employment_id": employment_id, "base": "100"}]}
    payload.update(body)
    for line in payload["lines"]:
        if line.get("employment_id") == "EMP":
            line["employment_id"] = employment_id
    response = await client.post(
        f"/employers/{employer['id']}/declarations", json=payload, headers=auth("case_manager")
    )
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert response.json()["message"]
    assert await declaration_count(conn, employer["id"]) == (0, 0)


async def test_a_month_without_rates_in_force_is_refused(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    # Province 49 has no rows at all (the sample rows are for 430000).
    employer = await f.employer(conn, "490101")
    employment_id = await f.employment(conn, employer["id"])
    response = await client.post(
        f"/employers/{employer['id']}/declarations",
        json={"contribution_month": "2025-03", "lines": [{"employment_id": str(employment_id), "base": "100"}]},
        headers=auth("case_manager"),
    )
    assert (response.status_code, response.json()["code"]) == (409, "no_contribution_policy")
    assert await declaration_count(conn, employer["id"]) == (0, 0)


async def test_service_points_see_only_their_districts_employers(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    employment_id = await f.employment(conn, employer["id"])
    body = {"contribution_month": "2025-03", "lines": [{"employment_id": str(employment_id), "base": "100"}]}
    url = f"/employers/{employer['id']}/declarations"
    other = "110101" if employer["district"] != "110101" else "120101"

    foreign = await client.post(url, json=body, headers=auth("service_point", other))
    missing = await client.post(f"/employers/{uuid.uuid4()}/declarations", json=body, headers=auth("service_point", other))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert await declaration_count(conn, employer["id"]) == (0, 0)

    own = await client.post(url, json=body, headers=auth("service_point", employer["district"]))
    assert own.status_code == 201
    foreign_read = await client.get(f"{url}/2025-03", headers=auth("service_point", other))
    assert foreign_read.status_code == 404
    auditor_write = await client.post(url, json=body, headers=auth("auditor"))
    assert (auditor_write.status_code, auditor_write.json()["code"]) == (403, "forbidden")
    auditor_read = await client.get(f"{url}/2025-03", headers=auth("auditor"))
    assert auditor_read.status_code == 200 and auditor_read.json()["total_amount"] == "3.00"


async def test_a_large_employers_month_is_one_request_and_set_based(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    employment_ids = await f.staff(conn, employer["id"], 3000)
    lines = [(e, f"{5000 + i % 7}.50") for i, e in enumerate(employment_ids)]
    body = await f.declare(client, employer["id"], "2025-03", lines)

    assert body["headcount"] == 3000
    expected_base = sum(5000 + i % 7 for i in range(3000)) + 1500
    assert body["base_total"] == f"{expected_base}.00"
    assert await declaration_count(conn, employer["id"]) == (1, 3000)
    listed = await client.get(f"/employers/{employer['id']}/declarations?year=2025", headers=auth("finance"))
    assert [d["contribution_month"] for d in listed.json()] == ["2025-03"]
    assert listed.json()[0]["lines"] is None
