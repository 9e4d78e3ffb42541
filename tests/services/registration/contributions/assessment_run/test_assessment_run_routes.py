"""The monthly 核定 run (R-DECL-1): set-based across employers, only the undeclared, overdue,
approved ones with a previous month; running it again assesses nothing twice."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.registration.contributions import factories as f

URL = "/contribution-assessment-runs"


async def test_the_run_assesses_each_undeclared_overdue_month_once(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    area = f.district()
    await f.policies(conn, area)
    undeclared, declared, no_previous, sealed = [await f.employer(conn, area) for _ in range(4)]
    for employer in (undeclared, declared, no_previous, sealed):
        employer["employment_id"] = await f.employment(conn, employer["id"])
    for employer in (undeclared, declared, sealed):
        await f.declare(client, employer["id"], "2025-03", [(employer["employment_id"], "10000.00")])
    await f.declare(client, declared["id"], "2025-04", [(declared["employment_id"], "9000.00")])
    await conn.execute(
        "UPDATE employers SET status = 'deregistered', deregistered_on = DATE '2025-06-01',"
        " deregistration_reason = 'dissolution' WHERE id = $1",
        sealed["id"],
    )

    response = await client.post(URL, json={"contribution_month": "2025-04", "district": area}, headers=auth("operations"))

    assert response.status_code == 200, response.text
    [assessed] = response.json()["assessed"]
    assert (assessed["employer_id"], assessed["headcount"], assessed["total_amount"], assessed["due_date"]) == (
        str(undeclared["id"]), 1, "330.00", "2025-05-15")
    line = await conn.fetchrow(
        "SELECT base, employer_amount, employee_amount FROM contribution_declaration_lines WHERE declaration_id = $1",
        uuid.UUID(assessed["declaration_id"]),
    )
    assert tuple(map(str, line)) == ("11000.00", "220.00", "110.00")
    audit = await conn.fetchrow(
        "SELECT after FROM audit_log WHERE entity_type = 'contribution_assessment_run' AND entity_id = '2025-04'"
        " AND after->>'district' = $1",
        area,
    )
    assert audit["after"]["declaration_ids"] == [assessed["declaration_id"]]

    again = await client.post(URL, json={"contribution_month": "2025-04", "district": area}, headers=auth("case_manager"))
    assert again.json()["assessed"] == []
    # The next month builds on the assessment: 110% of 330.00.
    may = await client.post(URL, json={"contribution_month": "2025-05", "district": area}, headers=auth("operations"))
    assert [a["total_amount"] for a in may.json()["assessed"] if a["employer_id"] == str(undeclared["id"])] == ["363.00"]
    count = await conn.fetchval(
        "SELECT count(*) FROM contribution_declarations WHERE employer_id = ANY($1::uuid[]) AND kind = 'assessed'",
        [undeclared["id"], declared["id"], no_previous["id"], sealed["id"]],
    )
    assert count == 3  # undeclared: April and May; declared: May (April was declared)


async def test_a_month_not_yet_due_is_not_assessed(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    area = f.district()
    await f.policies(conn, area)
    employer = await f.employer(conn, area)
    employment_id = await f.employment(conn, employer["id"])
    last_month = (china_today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    await f.declare(client, employer["id"], last_month, [(employment_id, "10000.00")])
    this_month = china_today().strftime("%Y-%m")
    response = await client.post(URL, json={"contribution_month": this_month, "district": area}, headers=auth("operations"))
    assert (response.status_code, response.json()["assessed"]) == (200, [])


async def test_only_case_managers_and_operations_run_it(client: httpx.AsyncClient) -> None:
    body = {"contribution_month": "2025-04", "district": f.district()}
    for role in ("finance", "auditor", "service_point"):
        assert (await client.post(URL, json=body, headers=auth(role))).status_code == 403
    bad = await client.post(URL, json={"contribution_month": "2025-4"}, headers=auth("operations"))
    assert (bad.status_code, bad.json()["code"], bad.json()["field"]) == (422, "invalid_contribution_month", "contribution_month")


async def test_the_run_rounds_each_assessment_once_on_the_total_r_decl_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """Same rule as the single assessment: 110% of 20.10 is 22.11, not 2 × fen(11.055) = 22.12."""
    area = f.district()
    await f.policies(conn, area)
    employer = await f.employer(conn, area)
    first, second = sorted(
        [await f.employment(conn, employer["id"], farmer_contract_worker=True) for _ in range(2)]
    )
    await f.declare(client, employer["id"], "2025-03", [(first, "502.50"), (second, "502.50")])

    response = await client.post(URL, json={"contribution_month": "2025-04", "district": area}, headers=auth("operations"))

    [assessed] = response.json()["assessed"]
    assert assessed["total_amount"] == "22.11"
    lines = await conn.fetch(
        "SELECT employment_id, employer_amount FROM contribution_declaration_lines WHERE declaration_id = $1"
        " ORDER BY employment_id",
        uuid.UUID(assessed["declaration_id"]),
    )
    assert [(r["employment_id"], str(r["employer_amount"])) for r in lines] == [(first, "11.06"), (second, "11.05")]
