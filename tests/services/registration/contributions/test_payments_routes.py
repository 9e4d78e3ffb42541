"""Payments, late fees (R-LATE-1), fines and the arrears statement; what the employers module
reads for deregistration (outstanding_amounts) and verification (declared_vs_paid)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg
import httpx
import pytest

from services.registration.contributions.arrears import declared_vs_paid, outstanding_amounts
from tests.factories import auth
from tests.services.registration.contributions import factories as f


@pytest.fixture
async def declared(client: httpx.AsyncClient, conn: asyncpg.Connection) -> dict:
    """An employer whose March 2025 (10,000.00 base: 300.00, due 2025-04-15) is declared."""
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    employment_id = await f.employment(conn, employer["id"])
    declaration = await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    return {**employer, "declaration": declaration, "employment_id": employment_id}


async def arrears(client: httpx.AsyncClient, employer_id, as_of: str) -> dict:
    response = await client.get(f"/employers/{employer_id}/arrears?as_of={as_of}", headers=auth("finance"))
    assert response.status_code == 200, response.text
    return response.json()


async def test_paid_by_the_due_date_no_late_fee(client: httpx.AsyncClient, declared: dict) -> None:
    payment = await f.pay(client, declared["id"], amount="300.00", paid_on="2025-04-15", contribution_month="2025-03")
    assert (payment["days_late"], payment["late_fee"]) == (0, "0.00")
    statement = await arrears(client, declared["id"], "2025-12-31")
    assert (statement["total"], statement["months"]) == ("0.00", [])


async def test_paid_10_days_late_costs_0_05_percent_a_day_r_late_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict
) -> None:
    payment = await f.pay(client, declared["id"], amount="300.00", paid_on="2025-04-25", contribution_month="2025-03")
    # 300.00 × 0.0005 × 10 days = 1.50
    assert (payment["days_late"], payment["late_fee"]) == (10, "1.50")
    owed = await outstanding_amounts(conn, declared["id"], as_of=dt.date(2025, 4, 25))
    assert (owed.contributions, owed.late_fees, owed.fines, owed.total) == (
        Decimal("0.00"), Decimal("1.50"), Decimal("0.00"), Decimal("1.50"))


async def test_arrears_over_time_partial_payment_fine_and_settlement(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict
) -> None:
    employer_id = declared["id"]
    # 100.00 paid 31 days after the due date: 100.00 × 0.0005 × 31 = 1.55.
    first = await f.pay(client, employer_id, amount="100.00", paid_on="2025-05-16", contribution_month="2025-03")
    assert (first["days_late"], first["late_fee"]) == (31, "1.55")

    # On 2025-05-25 (40 days overdue) the 200.00 still unpaid accrues 200.00 × 0.0005 × 40 = 4.00.
    may = await arrears(client, employer_id, "2025-05-25")
    [month] = may["months"]
    assert (month["contribution_month"], month["amount_due"], month["paid"], month["outstanding"]) == (
        "2025-03", "300.00", "100.00", "200.00")
    assert (month["days_overdue"], month["late_fee_charged"], month["late_fee_accruing"]) == (40, "1.55", "4.00")
    assert (may["contributions"], may["late_fees"], may["fines_outstanding"], may["total"]) == (
        "200.00", "5.55", "0.00", "205.55")

    fine = await client.post(
        f"/employers/{employer_id}/fines",
        json={"decision_reference": "湘人社罚〔2025〕7号", "decided_on": "2025-06-01", "amount": "200.00",
              "reason": "逾期仍不缴纳, 处欠缴数额一倍罚款"},
        headers=auth("case_manager"),
    )
    assert fine.status_code == 201, fine.text

    # 2025-06-10: 56 days → 5.60 accruing; with the fine the employer owes 200 + 7.15 + 200.
    owed = await outstanding_amounts(conn, employer_id, as_of=dt.date(2025, 6, 10))
    assert (owed.contributions, owed.late_fees, owed.fines, owed.total) == (
        Decimal("200.00"), Decimal("7.15"), Decimal("200.00"), Decimal("407.15"))

    rest = await f.pay(client, employer_id, amount="200.00", paid_on="2025-06-10", contribution_month="2025-03")
    assert (rest["days_late"], rest["late_fee"]) == (56, "5.60")
    too_much_fee = await f.pay(client, employer_id, kind="late_fee", amount="7.16", paid_on="2025-06-10", expect=409)
    assert (too_much_fee["code"], too_much_fee["details"]["outstanding"]) == ("payment_exceeds_outstanding", "7.15")
    await f.pay(client, employer_id, kind="late_fee", amount="7.15", paid_on="2025-06-10")
    await f.pay(client, employer_id, kind="fine", fine_id=fine.json()["id"], amount="200.00", paid_on="2025-06-10")

    settled = await outstanding_amounts(conn, employer_id, as_of=dt.date(2025, 6, 10))
    assert settled.total == Decimal("0.00")
    # The past stays as it was: on 2025-05-25 the employer still owed 205.55.
    assert (await outstanding_amounts(conn, employer_id, as_of=dt.date(2025, 5, 25))).total == Decimal("205.55")
    later = await arrears(client, employer_id, "2025-12-31")
    assert later["total"] == "0.00" and later["late_fees_paid"] == "7.15"
    fines = (await client.get(f"/employers/{employer_id}/fines", headers=auth("auditor"))).json()
    assert [(x["amount"], x["outstanding_amount"]) for x in fines] == [("200.00", "0.00")]


async def test_settling_a_month_writes_each_persons_contribution_record_once_r_rec_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict
) -> None:
    month_records = "SELECT count(*) FROM contribution_records WHERE declaration_id = $1"
    declaration_id = declared["declaration"]["id"]
    await f.pay(client, declared["id"], amount="299.99", paid_on="2025-04-10", contribution_month="2025-03")
    assert await conn.fetchval(month_records, declaration_id) == 0
    await f.pay(client, declared["id"], amount="0.01", paid_on="2025-04-12", contribution_month="2025-03")
    row = await conn.fetchrow("SELECT * FROM contribution_records WHERE declaration_id = $1", declaration_id)
    assert (row["employment_id"], row["effective_on"], row["employer_amount"], row["employee_amount"]) == (
        declared["employment_id"], dt.date(2025, 4, 12), Decimal("200.00"), Decimal("100.00"))
    assert row["employer_share_paid"] and row["personal_share_paid"]
    assert await conn.fetchval(month_records, declaration_id) == 1


async def test_overpayment_and_paying_an_undeclared_month_are_refused(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict
) -> None:
    over = await f.pay(client, declared["id"], amount="300.01", paid_on="2025-04-10", contribution_month="2025-03", expect=409)
    undeclared = await f.pay(client, declared["id"], amount="1.00", paid_on="2025-04-10", contribution_month="2025-04", expect=404)
    assert (over["code"], over["field"]) == ("payment_exceeds_outstanding", "amount")
    assert (undeclared["code"], undeclared["field"]) == ("declaration_not_found", "contribution_month")
    count = await conn.fetchval("SELECT count(*) FROM employer_payments WHERE employer_id = $1", declared["id"])
    assert count == 0


async def test_a_repeated_payment_reference_is_harmless_and_a_reused_one_conflicts(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict
) -> None:
    kwargs = {"amount": "300.00", "paid_on": "2025-04-10", "contribution_month": "2025-03", "reference": "BANK-1"}
    first = await f.pay(client, declared["id"], **kwargs)
    # Repeated after the month is settled: still the same payment, not "exceeds outstanding".
    again = await f.pay(client, declared["id"], **kwargs, expect=200)
    reused = await f.pay(client, declared["id"], **{**kwargs, "amount": "1.00"}, expect=409)
    assert again["id"] == first["id"]
    assert (reused["code"], reused["field"]) == ("payment_reference_conflict", "reference")
    assert await conn.fetchval("SELECT count(*) FROM employer_payments WHERE employer_id = $1", declared["id"]) == 1
    listed = (await client.get(f"/employers/{declared['id']}/payments", headers=auth("auditor"))).json()
    assert [p["id"] for p in listed] == [first["id"]]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"contribution_month": None}, "contribution_month_required", "contribution_month"),
        ({"kind": "late_fee"}, "contribution_month_not_allowed", "contribution_month"),
        ({"kind": "fine", "contribution_month": None}, "fine_id_required", "fine_id"),
        ({"amount": "0"}, "invalid_greater_than", "amount"),
        ({"amount": "1.234"}, "invalid_decimal_max_places", "amount"),
        ({"paid_on": "2098-01-01"}, "paid_on_in_future", "paid_on"),
        ({"paid_on": "2025-02-30"}, "invalid_date_from_datetime_parsing", "paid_on"),
        ({"reference": ""}, "invalid_string_too_short", "reference"),
    ],
)
async def test_bad_payment_input_gets_a_coded_422_and_writes_nothing(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict, body: dict, code: str, field: str
) -> None:
    payload = {"reference": "BANK-X", "kind": "contribution", "contribution_month": "2025-03", "amount": "1.00",
               "paid_on": "2025-04-10", **body}
    payload = {k: v for k, v in payload.items() if v is not None}
    response = await client.post(f"/employers/{declared['id']}/payments", json=payload, headers=auth("finance"))
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert await conn.fetchval("SELECT count(*) FROM employer_payments WHERE employer_id = $1", declared["id"]) == 0


async def test_payment_roles_and_district_scope(client: httpx.AsyncClient, declared: dict) -> None:
    body = {"reference": "BANK-Y", "kind": "contribution", "contribution_month": "2025-03", "amount": "1.00",
            "paid_on": "2025-04-10"}
    url = f"/employers/{declared['id']}/payments"
    by_service_point = await client.post(url, json=body, headers=auth("service_point", declared["district"]))
    assert by_service_point.status_code == 403
    other = "110101" if declared["district"] != "110101" else "120101"
    foreign_read = await client.get(f"/employers/{declared['id']}/arrears", headers=auth("service_point", other))
    assert foreign_read.status_code == 404
    own_read = await client.get(f"/employers/{declared['id']}/arrears", headers=auth("service_point", declared["district"]))
    assert own_read.status_code == 200 and own_read.json()["contributions"] == "300.00"


async def test_declared_vs_paid_for_form_2_5(client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict) -> None:
    await f.pay(client, declared["id"], amount="120.00", paid_on="2025-04-10", contribution_month="2025-03")
    await client.post(
        f"/employers/{declared['id']}/assessments", json={"contribution_month": "2025-04"}, headers=auth("case_manager")
    )
    report = await declared_vs_paid(conn, declared["id"], 2025)
    # Declared bases only count declared months; the amounts due count the assessed April too.
    assert (report.declared_base_total, report.assessed_total, report.paid_total) == (
        Decimal("10000.00"), Decimal("630.00"), Decimal("120.00"))
    assert (await declared_vs_paid(conn, declared["id"], 2024)).assessed_total == Decimal("0")


async def test_declarations_payments_and_fines_leave_an_audit_trail(
    client: httpx.AsyncClient, conn: asyncpg.Connection, declared: dict
) -> None:
    payment = await f.pay(client, declared["id"], amount="300.00", paid_on="2025-04-10", contribution_month="2025-03")
    await f.pay(client, declared["id"], amount="300.00", paid_on="2025-04-10", contribution_month="2025-03",
                reference=payment["reference"], expect=200)
    rows = await conn.fetch(
        "SELECT entity_type, action, actor_role, after FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY id",
        [declared["declaration"]["id"], payment["id"]],
    )
    assert [(r["entity_type"], r["action"], r["actor_role"]) for r in rows] == [
        ("contribution_declaration", "declare", "case_manager"), ("employer_payment", "record", "finance")]
    assert rows[1]["after"]["amount"] == "300.00"


async def test_the_list_of_employers_in_arrears_agrees_with_each_statement(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    area = f.district()
    owing, settled, fined = [await f.employer(conn, area) for _ in range(3)]
    await f.policies(conn, area)
    for employer in (owing, settled, fined):
        employment_id = await f.employment(conn, employer["id"])
        await f.declare(client, employer["id"], "2025-03", [(employment_id, "10000.00")])
    await f.pay(client, owing["id"], amount="100.00", paid_on="2025-05-16", contribution_month="2025-03")
    await f.pay(client, settled["id"], amount="300.00", paid_on="2025-04-15", contribution_month="2025-03")
    await client.post(
        f"/employers/{fined['id']}/fines",
        json={"decision_reference": "罚-1", "decided_on": "2025-05-01", "amount": "300.00", "reason": "测试"},
        headers=auth("case_manager"),
    )

    listed = await client.get(
        f"/contribution-arrears?as_of=2025-05-25&district={area}", headers=auth("finance")
    )
    assert listed.status_code == 200, listed.text
    rows = {r["employer_id"]: r for r in listed.json()}
    assert set(rows) == {str(owing["id"]), str(fined["id"])}
    assert (rows[str(owing["id"])]["contributions"], rows[str(owing["id"])]["late_fees"],
            rows[str(owing["id"])]["total"]) == ("200.00", "5.55", "205.55")
    assert (rows[str(fined["id"])]["contributions"], rows[str(fined["id"])]["fines"]) == ("300.00", "300.00")
    for employer_id, row in rows.items():
        owed = await outstanding_amounts(conn, employer_id, as_of=dt.date(2025, 5, 25))
        assert Decimal(row["total"]) == owed.total
    # Largest debt first: the fined employer owes its month, its late fee and the fine.
    assert [r["employer_id"] for r in listed.json()] == [str(fined["id"]), str(owing["id"])]

    own = await client.get("/contribution-arrears?as_of=2025-05-25", headers=auth("service_point", area))
    assert {r["employer_id"] for r in own.json()} == set(rows)
    other = "110101" if area != "110101" else "120101"
    foreign = await client.get(
        f"/contribution-arrears?as_of=2025-05-25&district={area}", headers=auth("service_point", other)
    )
    assert all(r["district"] == other for r in foreign.json())
    assert not {r["employer_id"] for r in foreign.json()} & set(rows)



async def test_a_fine_is_one_to_three_times_the_arrears_r_late_1(
    client: httpx.AsyncClient, declared: dict
) -> None:
    employer_id = declared["id"]  # 300.00 of March 2025 unpaid since its due date

    def fine(reference: str, amount: str, decided_on: str = "2025-06-01") -> dict:
        return {"decision_reference": reference, "decided_on": decided_on, "amount": amount, "reason": "逾期仍不缴纳"}

    url = f"/employers/{employer_id}/fines"
    cm = auth("case_manager")
    too_low = await client.post(url, json=fine("罚-1", "299.99"), headers=cm)
    too_high = await client.post(url, json=fine("罚-2", "900.01"), headers=cm)
    before_due = await client.post(url, json=fine("罚-3", "300.00", decided_on="2025-04-01"), headers=cm)
    at_most = await client.post(url, json=fine("罚-4", "900.00"), headers=cm)

    assert (too_low.status_code, too_low.json()["code"], too_low.json()["field"]) == (422, "fine_out_of_range", "amount")
    assert too_high.status_code == 422 and "300.00" in too_high.json()["message"]
    assert (before_due.status_code, before_due.json()["code"]) == (409, "no_arrears_to_fine")
    assert at_most.status_code == 201, at_most.text
    # Another legal ground is not tied to the arrears (e.g. 社保法 84).
    other = await client.post(url, json={**fine("罚-5", "2000.00", "2025-04-01"), "ground": "other_statutory"}, headers=cm)
    assert other.status_code == 201, other.text
    listed = (await client.get(url, headers=auth("auditor"))).json()
    # The refused ones wrote nothing.
    assert sorted((x["decision_reference"], x["ground"]) for x in listed) == [
        ("罚-4", "late_payment"), ("罚-5", "other_statutory")
    ]
