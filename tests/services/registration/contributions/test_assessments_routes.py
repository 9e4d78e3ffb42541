"""R-DECL-1: an undeclared month is assessed at 110% of the previous month's amount."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

import asyncpg
import httpx
import pytest

from services.registration.contributions.money import fen
from shared.clock import china_today
from tests.factories import auth
from tests.services.registration.contributions import factories as f


@pytest.fixture
async def employer(conn: asyncpg.Connection) -> dict:
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    return employer


async def assess(client: httpx.AsyncClient, employer_id, month: str) -> httpx.Response:
    return await client.post(
        f"/employers/{employer_id}/assessments", json={"contribution_month": month}, headers=auth("case_manager")
    )


async def test_an_undeclared_month_is_assessed_at_110_percent_of_the_previous_month_r_decl_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    first = await f.employment(conn, employer["id"])
    farmer = await f.employment(conn, employer["id"], farmer_contract_worker=True)
    previous = await f.declare(client, employer["id"], "2025-03", [(first, "10000.00"), (farmer, "3333.33")])
    assert previous["total_amount"] == "366.67"  # 200.00 + 100.00 + 66.67 + 0

    response = await assess(client, employer["id"], "2025-04")

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["kind"], body["assessed_from_id"]) == ("assessed", previous["id"])
    assert body["due_date"] == "2025-05-15"
    by_employment = {line["employment_id"]: line for line in body["lines"]}
    # 10000.00 → 11000.00: 200.00 → 220.00 and 100.00 → 110.00.
    assert (by_employment[str(first)]["base"], by_employment[str(first)]["employer_amount"],
            by_employment[str(first)]["employee_amount"]) == ("11000.00", "220.00", "110.00")
    # 66.67 × 1.1 = 73.337 → 73.34; the farmer's personal share stays 0.
    assert (by_employment[str(farmer)]["employer_amount"], by_employment[str(farmer)]["employee_amount"]) == (
        "73.34", "0.00")
    assert body["total_amount"] == "403.34"

    again = await assess(client, employer["id"], "2025-04")
    assert (again.status_code, again.json()["id"]) == (200, body["id"])
    declare_late = await client.post(
        f"/employers/{employer['id']}/declarations",
        json={"contribution_month": "2025-04", "lines": [{"employment_id": str(first), "base": "10000"}]},
        headers=auth("case_manager"),
    )
    assert (declare_late.status_code, declare_late.json()["code"]) == (409, "month_already_assessed")


async def test_an_assessed_month_can_be_the_base_of_the_next_assessment(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    employment_id = await f.employment(conn, employer["id"])
    await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    assert (await assess(client, employer["id"], "2025-04")).json()["total_amount"] == "330.00"
    assert (await assess(client, employer["id"], "2025-05")).json()["total_amount"] == "363.00"


async def test_the_assessment_factor_is_a_parameter(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"], assessment_factor="1.2")
    employment_id = await f.employment(conn, employer["id"])
    await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    assert (await assess(client, employer["id"], "2025-04")).json()["total_amount"] == "360.00"


async def test_assessment_refusals(client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict) -> None:
    employment_id = await f.employment(conn, employer["id"])
    await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    this_month = china_today().strftime("%Y-%m")

    declared = await assess(client, employer["id"], "2025-03")
    no_previous = await assess(client, employer["id"], "2025-06")
    not_overdue = await assess(client, employer["id"], this_month)
    as_service_point = await client.post(
        f"/employers/{employer['id']}/assessments", json={"contribution_month": "2025-04"},
        headers=auth("service_point", employer["district"]),
    )

    assert (declared.status_code, declared.json()["code"]) == (409, "month_already_declared")
    assert (no_previous.status_code, no_previous.json()["code"]) == (409, "no_previous_declaration")
    assert (not_overdue.status_code, not_overdue.json()["code"]) == (409, "declaration_not_overdue")
    assert (as_service_point.status_code, as_service_point.json()["code"]) == (403, "forbidden")
    count = await conn.fetchval(
        "SELECT count(*) FROM contribution_declarations WHERE employer_id = $1", employer["id"]
    )
    assert count == 1


async def test_the_assessed_total_is_110_percent_of_the_previous_total_rounded_once_r_decl_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    """Two farmer contract workers at 502.50: 10.05 each, 20.10 in all. 110% of the total is
    22.11; rounding each person's 11.055 on its own would make 22.12. The people's lines still add
    up to the total (R-REC-1): one fen goes to one of them, by employment ID."""
    first, second = sorted(
        [await f.employment(conn, employer["id"], farmer_contract_worker=True) for _ in range(2)]
    )
    await f.declare(client, employer["id"], "2025-03", [(first, "502.50"), (second, "502.50")])

    response = await assess(client, employer["id"], "2025-04")

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["employer_amount"], body["employee_amount"], body["total_amount"]) == ("22.11", "0.00", "22.11")
    by_employment = {line["employment_id"]: line["employer_amount"] for line in body["lines"]}
    assert (by_employment[str(first)], by_employment[str(second)]) == ("11.06", "11.05")

    # Each person's contribution record (R-REC-1) is their line: together, the month's total.
    await f.pay(client, employer["id"], amount="22.11", paid_on="2025-05-10", contribution_month="2025-04")
    credited = await conn.fetchval(
        "SELECT sum(employer_amount + employee_amount) FROM contribution_records WHERE declaration_id = $1",
        uuid.UUID(body["id"]),
    )
    assert str(credited) == "22.11"


async def test_the_shares_of_an_assessment_add_up_to_its_total_r_decl_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    """Two people at 502.50: employer 10.05 and personal 5.03 (5.025 half-up) each; 30.16 in all.
    Total 33.18 (33.176); employer share 22.11 (110% of 20.10); personal share the rest, 11.07.
    Rounded person by person the shares would be 22.12 and 11.06."""
    first, second = sorted([await f.employment(conn, employer["id"]) for _ in range(2)])
    await f.declare(client, employer["id"], "2025-03", [(first, "502.50"), (second, "502.50")])

    body = (await assess(client, employer["id"], "2025-04")).json()

    assert (body["employer_amount"], body["employee_amount"], body["total_amount"]) == ("22.11", "11.07", "33.18")
    lines = {line["employment_id"]: (line["employer_amount"], line["employee_amount"]) for line in body["lines"]}
    assert (lines[str(first)], lines[str(second)]) == (("11.06", "5.54"), ("11.05", "5.53"))


async def test_every_persons_line_is_within_a_fen_of_110_percent_and_the_lines_add_up_r_rec_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    rng = random.Random(8)
    staff = [
        (await f.employment(conn, employer["id"], farmer_contract_worker=rng.random() < 0.3),
         f"{rng.randrange(100000, 3000000) / 100:.2f}")
        for _ in range(37)
    ]
    previous = await f.declare(client, employer["id"], "2025-03", staff)
    body = (await assess(client, employer["id"], "2025-04")).json()

    factor = Decimal("1.10")
    total = fen(Decimal(previous["total_amount"]) * factor)
    employer_share = fen(Decimal(previous["employer_amount"]) * factor)
    assert (Decimal(body["total_amount"]), Decimal(body["employer_amount"])) == (total, employer_share)
    assert Decimal(body["employee_amount"]) == total - employer_share
    before = {line["employment_id"]: line for line in previous["lines"]}
    for line in body["lines"]:
        for share in ("employer_amount", "employee_amount"):
            exact = Decimal(before[line["employment_id"]][share]) * factor
            assert abs(Decimal(line[share]) - exact) < Decimal("0.01")
    for share in ("employer_amount", "employee_amount"):
        assert sum(Decimal(line[share]) for line in body["lines"]) == Decimal(body[share])
