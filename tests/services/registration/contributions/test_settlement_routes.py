"""R-DECL-1 结算: a late declaration replaces the 110% assessment; the people's records follow
with correction entries, never edits (R-REC-1)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx
import pytest

from tests.factories import auth
from tests.services.registration.contributions import factories as f


@pytest.fixture
async def assessed(client: httpx.AsyncClient, conn: asyncpg.Connection) -> dict:
    """March 2025 declared (10,000.00 → 300.00); April undeclared, assessed at 330.00."""
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    employment_id = await f.employment(conn, employer["id"])
    await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    response = await client.post(
        f"/employers/{employer['id']}/assessments", json={"contribution_month": "2025-04"}, headers=auth("case_manager")
    )
    assert response.json()["total_amount"] == "330.00"
    return {**employer, "employment_id": employment_id, "assessment": response.json()}


async def settle(client: httpx.AsyncClient, employer: dict, base: str) -> httpx.Response:
    return await client.post(
        f"/employers/{employer['id']}/settlements",
        json={"contribution_month": "2025-04", "lines": [{"employment_id": str(employer["employment_id"]), "base": base}]},
        headers=auth("service_point", employer["district"]),
    )


async def test_a_late_declaration_replaces_the_assessment_and_keeps_what_was_paid(
    client: httpx.AsyncClient, conn: asyncpg.Connection, assessed: dict
) -> None:
    await f.pay(client, assessed["id"], amount="100.00", paid_on="2025-05-20", contribution_month="2025-04")
    response = await settle(client, assessed, "12000.00")

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["id"], body["kind"], body["assessed_from_id"]) == (
        assessed["assessment"]["id"], "settled", assessed["assessment"]["assessed_from_id"])
    # 12,000.00 at the month's rates: 240.00 + 120.00; the 100.00 already paid still counts.
    assert (body["total_amount"], body["paid_amount"], body["outstanding_amount"]) == ("360.00", "100.00", "260.00")
    assert body["due_date"] == "2025-05-15" and body["settled_on"]
    revision = await conn.fetchrow(
        "SELECT kind, employer_amount, employee_amount, lines FROM contribution_declaration_revisions"
        " WHERE declaration_id = $1", uuid.UUID(body["id"]),
    )
    assert (revision["kind"], str(revision["employer_amount"]), str(revision["employee_amount"])) == (
        "assessed", "220.00", "110.00")
    assert revision["lines"][0]["base"] == "11000.00"

    again = await settle(client, assessed, "12000")
    other = await settle(client, assessed, "13000.00")
    declare = await client.post(
        f"/employers/{assessed['id']}/declarations",
        json={"contribution_month": "2025-04", "lines": [{"employment_id": str(assessed["employment_id"]), "base": "12000"}]},
        headers=auth("case_manager"),
    )
    assert (again.status_code, again.json()["id"]) == (200, body["id"])
    assert (other.status_code, other.json()["code"]) == (409, "month_already_settled")
    assert declare.status_code == 200  # the settled month answers like a declared one

    await f.pay(client, assessed["id"], amount="260.00", paid_on="2025-06-01", contribution_month="2025-04")
    record = await conn.fetchrow(
        "SELECT base, employer_amount, employee_amount FROM contribution_records WHERE declaration_id = $1",
        uuid.UUID(body["id"]),
    )
    assert tuple(map(str, record)) == ("12000.00", "240.00", "120.00")


async def test_a_settlement_covered_by_earlier_payments_settles_the_month_at_once(
    client: httpx.AsyncClient, conn: asyncpg.Connection, assessed: dict
) -> None:
    await f.pay(client, assessed["id"], amount="150.00", paid_on="2025-05-10", contribution_month="2025-04")
    body = (await settle(client, assessed, "5000.00")).json()
    assert (body["total_amount"], body["outstanding_amount"]) == ("150.00", "0.00")
    count = await conn.fetchval("SELECT count(*) FROM contribution_records WHERE declaration_id = $1", uuid.UUID(body["id"]))
    assert count == 1


async def test_settlements_that_are_refused_change_nothing(
    client: httpx.AsyncClient, conn: asyncpg.Connection, assessed: dict
) -> None:
    await f.pay(client, assessed["id"], amount="200.00", paid_on="2025-05-10", contribution_month="2025-04")
    below = await settle(client, assessed, "5000.00")  # 150.00 < 200.00 already paid
    assert (below.status_code, below.json()["code"]) == (409, "settlement_below_paid")
    declared_month = await client.post(
        f"/employers/{assessed['id']}/settlements",
        json={"contribution_month": "2025-03", "lines": [{"employment_id": str(assessed["employment_id"]), "base": "1"}]},
        headers=auth("case_manager"),
    )
    missing = await client.post(
        f"/employers/{assessed['id']}/settlements",
        json={"contribution_month": "2025-06", "lines": [{"employment_id": str(assessed["employment_id"]), "base": "1"}]},
        headers=auth("case_manager"),
    )
    assert (declared_month.status_code, declared_month.json()["code"]) == (409, "month_not_assessed")
    assert (missing.status_code, missing.json()["code"]) == (404, "declaration_not_found")

    row = await conn.fetchrow(
        "SELECT kind, total_amount FROM contribution_declarations WHERE id = $1", uuid.UUID(assessed["assessment"]["id"])
    )
    assert (row["kind"], str(row["total_amount"])) == ("assessed", "330.00")
    revisions = await conn.fetchval(
        "SELECT count(*) FROM contribution_declaration_revisions WHERE declaration_id = $1",
        uuid.UUID(assessed["assessment"]["id"]),
    )
    assert revisions == 0


async def months_counted(client: httpx.AsyncClient, conn: asyncpg.Connection, employment_id: uuid.UUID) -> int:
    person_id = await conn.fetchval("SELECT person_id FROM employments WHERE id = $1", employment_id)
    response = await client.get(f"/persons/{person_id}/insurance-history?as_of=2025-12-31", headers=auth("system"))
    return response.json()["contribution_months"]


async def test_settling_a_paid_assessment_higher_reverses_the_credit_until_the_rest_is_paid(
    client: httpx.AsyncClient, conn: asyncpg.Connection, assessed: dict
) -> None:
    await f.pay(client, assessed["id"], amount="300.00", paid_on="2025-04-15", contribution_month="2025-03")
    await f.pay(client, assessed["id"], amount="330.00", paid_on="2025-05-15", contribution_month="2025-04")
    assert await months_counted(client, conn, assessed["employment_id"]) == 2

    body = (await settle(client, assessed, "12000.00")).json()
    assert (body["kind"], body["total_amount"], body["outstanding_amount"]) == ("settled", "360.00", "30.00")
    # April is not fully paid any more: its credit is reversed (a new entry), March still counts.
    assert await months_counted(client, conn, assessed["employment_id"]) == 1

    await f.pay(client, assessed["id"], amount="30.00", paid_on="2025-06-01", contribution_month="2025-04")
    assert await months_counted(client, conn, assessed["employment_id"]) == 2
    april = await conn.fetch(
        "SELECT entry_kind, base, employer_share_paid FROM contribution_records r"
        " JOIN employments e ON e.person_id = r.person_id"
        " WHERE e.id = $1 AND r.contribution_month = '2025-04-01' ORDER BY r.id",
        assessed["employment_id"],
    )
    assert [(r["entry_kind"], str(r["base"]), r["employer_share_paid"]) for r in april] == [
        ("payment", "11000.00", True), ("correction", "11000.00", False), ("correction", "12000.00", True)]


async def test_settling_a_paid_assessment_at_the_same_amount_corrects_the_figures(
    client: httpx.AsyncClient, conn: asyncpg.Connection, assessed: dict
) -> None:
    newcomer = await f.employment(conn, assessed["id"], hired_on=dt.date(2025, 4, 1))
    await f.pay(client, assessed["id"], amount="330.00", paid_on="2025-05-15", contribution_month="2025-04")
    response = await client.post(
        f"/employers/{assessed['id']}/settlements",
        json={"contribution_month": "2025-04", "lines": [
            {"employment_id": str(assessed["employment_id"]), "base": "5500.00"},
            {"employment_id": str(newcomer), "base": "5500.00"}]},
        headers=auth("case_manager"),
    )
    assert response.status_code == 201, response.text
    assert (response.json()["total_amount"], response.json()["outstanding_amount"]) == ("330.00", "0.00")
    # The existing person's April is corrected to 5,500.00; the newcomer gets April credited.
    for employment_id, kinds in ((assessed["employment_id"], ["payment", "correction"]), (newcomer, ["payment"])):
        rows = await conn.fetch(
            "SELECT entry_kind, base FROM contribution_records r JOIN employments e ON e.person_id = r.person_id"
            " WHERE e.id = $1 AND r.contribution_month = '2025-04-01' ORDER BY r.id",
            employment_id,
        )
        assert [r["entry_kind"] for r in rows] == kinds
        assert str(rows[-1]["base"]) == "5500.00"
    assert await months_counted(client, conn, newcomer) == 1
