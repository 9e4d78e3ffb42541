"""个人缴费记录 and the insurance history the benefits service relies on (R-REC-1, R-ELIG-1,
R-DUR-1): a person who changed employers with a gap, corrections as new entries, the as_of
cut-off, farmer contract workers, and who may see what."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.clock import TestClock
from tests.factories import auth, registration_payload
from tests.services.registration.contributions import factories as f


def months(first: str, count: int) -> list[str]:
    year, month = map(int, first.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


async def settle(
    client: httpx.AsyncClient, employer_id: uuid.UUID, employment_id: uuid.UUID, month: str, *, paid: str | None = None
) -> None:
    """Declare the month for one person and pay it (in full unless ``paid`` says less)."""
    declaration = await f.declare(client, employer_id, month, [(employment_id, "10000.00")])
    paid_on = min(declaration["due_date"], china_today().isoformat())
    await f.pay(
        client, employer_id, amount=paid or declaration["total_amount"], paid_on=paid_on,
        contribution_month=month,
    )


async def history(client: httpx.AsyncClient, person_id: uuid.UUID, as_of: str, role: str = "system", district=None) -> httpx.Response:
    return await client.get(
        f"/persons/{person_id}/insurance-history?as_of={as_of}", headers=auth(role, district)
    )


@pytest.fixture
async def mover(client: httpx.AsyncClient, conn: asyncpg.Connection) -> dict:
    """A person insured at A for 2024-01..2024-10 (10 months), unemployed, then at B for
    2025-01..2025-04 (4 months); B's May 2025 is declared but only partly paid."""
    person_id = await f.person(conn)
    a, b = await f.employer(conn), await f.employer(conn)
    await f.policies(conn, a["district"])
    await f.policies(conn, b["district"])
    at_a = await f.employment(conn, a["id"], person_id, hired_on=dt.date(2024, 1, 1), separated_on=dt.date(2024, 10, 31))
    at_b = await f.employment(conn, b["id"], person_id, hired_on=dt.date(2025, 1, 1))
    for month in months("2024-01", 10):
        await settle(client, a["id"], at_a, month)
    for month in months("2025-01", 4):
        await settle(client, b["id"], at_b, month)
    await settle(client, b["id"], at_b, "2025-05", paid="150.00")
    return {"person_id": person_id, "a": a, "b": b, "at_a": at_a, "at_b": at_b}


async def test_contribution_months_across_two_employers_with_a_gap(client: httpx.AsyncClient, mover: dict) -> None:
    response = await history(client, mover["person_id"], "2026-01-01")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "person_id": str(mover["person_id"]),
        "as_of": "2026-01-01",
        "contribution_months": 14,
        "spells": [
            {"employer_id": str(mover["a"]["id"]), "first_month": "2024-01", "last_month": "2024-10", "months": 10},
            {"employer_id": str(mover["b"]["id"]), "first_month": "2025-01", "last_month": "2025-04", "months": 4},
        ],
        "last_employer_id": str(mover["b"]["id"]),
    }


async def test_the_as_of_date_cuts_the_months_off(client: httpx.AsyncClient, mover: dict) -> None:
    mid_b = (await history(client, mover["person_id"], "2025-02-10")).json()
    end_a = (await history(client, mover["person_id"], "2024-12-31")).json()
    before = (await history(client, mover["person_id"], "2023-12-31")).json()

    assert (mid_b["contribution_months"], mid_b["spells"][-1]["months"]) == (12, 2)
    assert (end_a["contribution_months"], end_a["last_employer_id"]) == (10, str(mover["a"]["id"]))
    assert before == {
        "person_id": str(mover["person_id"]), "as_of": "2023-12-31", "contribution_months": 0,
        "spells": [], "last_employer_id": None,
    }


async def test_a_correction_is_a_new_entry_and_the_latest_wins_r_rec_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, mover: dict
) -> None:
    person_id, employer_a = mover["person_id"], mover["a"]["id"]
    url = f"/persons/{person_id}/contribution-records/corrections"
    reversal = {
        "request_key": "corr-1", "employer_id": str(employer_a), "contribution_month": "2024-03",
        "base": "10000.00", "employer_amount": "200.00", "employee_amount": "100.00",
        "employer_share_paid": True, "personal_share_paid": False, "reason": "个人部分被银行退回, 未实际缴纳",
    }
    original = await conn.fetchrow(
        "SELECT * FROM contribution_records WHERE person_id = $1 AND contribution_month = '2024-03-01'", person_id
    )

    first = await client.post(url, json=reversal, headers=auth("case_manager"))
    again = await client.post(url, json=reversal, headers=auth("case_manager"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert (first.json()["corrects_id"], first.json()["entry_kind"], first.json()["counts"]) == (
        original["id"], "correction", False)

    after = (await history(client, person_id, "2026-01-01")).json()
    assert after["contribution_months"] == 13
    assert [(s["first_month"], s["last_month"]) for s in after["spells"]] == [
        ("2024-01", "2024-02"), ("2024-04", "2024-10"), ("2025-01", "2025-04")]

    restored = await client.post(
        url, json={**reversal, "request_key": "corr-2", "personal_share_paid": True, "reason": "银行补缴到账"},
        headers=auth("case_manager"),
    )
    assert restored.status_code == 201
    assert (await history(client, person_id, "2026-01-01")).json()["contribution_months"] == 14

    # Nothing was edited: the original entry is unchanged and all three are in the history.
    unchanged = await conn.fetchrow("SELECT * FROM contribution_records WHERE id = $1", original["id"])
    assert dict(unchanged) == dict(original)
    record = (await client.get(f"/persons/{person_id}/contribution-records?history=true", headers=auth("auditor"))).json()
    march = [e for e in record["history"] if e["contribution_month"] == "2024-03"]
    assert [e["entry_kind"] for e in march] == ["payment", "correction", "correction"]
    reused = await client.post(url, json={**reversal, "base": "1.00"}, headers=auth("case_manager"))
    assert (reused.status_code, reused.json()["code"]) == (409, "correction_key_conflict")
    audit = await conn.fetchval(
        "SELECT count(*) FROM audit_log WHERE entity_type = 'contribution_record' AND entity_id = $1", str(person_id)
    )
    assert audit == 2


async def test_the_record_table_refuses_updates_and_deletes_r_rec_1(conn: asyncpg.Connection, mover: dict) -> None:
    for statement in (
        "UPDATE contribution_records SET base = 0 WHERE person_id = $1",
        "DELETE FROM contribution_records WHERE person_id = $1",
    ):
        with pytest.raises(asyncpg.RestrictViolationError):
            async with conn.transaction():
                await conn.execute(statement, mover["person_id"])


async def test_the_month_by_month_record_with_cumulative_months(client: httpx.AsyncClient, mover: dict) -> None:
    record = (await client.get(f"/persons/{mover['person_id']}/contribution-records", headers=auth("case_manager"))).json()

    assert record["contribution_months"] == 14
    assert [m["contribution_month"] for m in record["months"]] == months("2024-01", 10) + months("2025-01", 4)
    assert [m["cumulative_months"] for m in record["months"]] == list(range(1, 15))
    first = record["months"][0]["entries"][0]
    assert (first["employer_id"], first["base"], first["employer_amount"], first["employee_amount"]) == (
        str(mover["a"]["id"]), "10000.00", "200.00", "100.00")
    assert record["history"] is None
    assert "id_number" not in str(record) and "name" not in str(record)


async def test_a_month_at_two_employers_counts_once(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    person_id = await f.person(conn)
    a, b = await f.employer(conn), await f.employer(conn)
    await f.policies(conn, a["district"])
    await f.policies(conn, b["district"])
    at_a = await f.employment(conn, a["id"], person_id, hired_on=dt.date(2024, 1, 1), separated_on=dt.date(2024, 3, 10))
    at_b = await f.employment(conn, b["id"], person_id, hired_on=dt.date(2024, 3, 11))
    for month in ("2024-01", "2024-02", "2024-03"):
        await settle(client, a["id"], at_a, month)
    for month in ("2024-03", "2024-04"):
        await settle(client, b["id"], at_b, month)

    body = (await history(client, person_id, "2024-12-31")).json()
    assert body["contribution_months"] == 4
    assert [(s["employer_id"], s["months"]) for s in body["spells"]] == [(str(a["id"]), 3), (str(b["id"]), 2)]
    assert body["last_employer_id"] == str(b["id"])


async def test_a_farmer_contract_workers_month_counts_without_a_personal_share_r_rate_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    employment_id = await f.employment(conn, employer["id"], farmer_contract_worker=True)
    person_id = await conn.fetchval("SELECT person_id FROM employments WHERE id = $1", employment_id)
    await settle(client, employer["id"], employment_id, "2025-03")

    assert (await history(client, person_id, "2025-12-31")).json()["contribution_months"] == 1
    wrong = await client.post(
        f"/persons/{person_id}/contribution-records/corrections",
        json={"request_key": "k", "employer_id": str(employer["id"]), "employment_id": str(employment_id),
              "contribution_month": "2025-03", "base": "1.00", "employer_amount": "0.02", "employee_amount": "0.01",
              "employer_share_paid": True, "personal_share_paid": True, "reason": "x"},
        headers=auth("case_manager"),
    )
    assert (wrong.status_code, wrong.json()["code"], wrong.json()["field"]) == (422, "personal_share_not_due", "employee_amount")


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"employer_id": "00000000-0000-4000-8000-000000000000"}, 404, "employer_not_found", "employer_id"),
        ({"employment_id": "00000000-0000-4000-8000-000000000000"}, 422, "employment_mismatch", "employment_id"),
        ({"contribution_month": "2098-01"}, 422, "contribution_month_in_future", "contribution_month"),
        ({"reason": ""}, 422, "invalid_string_too_short", "reason"),
        ({"employer_amount": "-1"}, 422, "invalid_greater_than_equal", "employer_amount"),
    ],
)
async def test_bad_corrections_get_a_coded_4xx_and_write_nothing(
    client: httpx.AsyncClient, conn: asyncpg.Connection, mover: dict, body: dict, status: int, code: str, field: str
) -> None:
    payload = {
        "request_key": "bad", "employer_id": str(mover["a"]["id"]), "contribution_month": "2024-03",
        "base": "1.00", "employer_amount": "0.02", "employee_amount": "0.01",
        "employer_share_paid": True, "personal_share_paid": True, "reason": "测试", **body,
    }
    before = await conn.fetchval("SELECT count(*) FROM contribution_records WHERE person_id = $1", mover["person_id"])
    response = await client.post(
        f"/persons/{mover['person_id']}/contribution-records/corrections", json=payload, headers=auth("case_manager")
    )
    assert response.status_code == status, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    after = await conn.fetchval("SELECT count(*) FROM contribution_records WHERE person_id = $1", mover["person_id"])
    assert after == before


async def test_who_sees_a_persons_history(client: httpx.AsyncClient, conn: asyncpg.Connection, mover: dict) -> None:
    person_id = mover["person_id"]
    id_number = await conn.fetchval("SELECT id_number FROM persons WHERE id = $1", person_id)
    registered = await client.post(
        "/unemployment-registrations", json=registration_payload(id_number=id_number, district="430102"),
        headers=auth("service_point", "430102"),
    )
    assert registered.status_code == 201, registered.text

    own = await history(client, person_id, "2026-01-01", "service_point", "430102")
    other = await history(client, person_id, "2026-01-01", "service_point", "430103")
    missing = await history(client, uuid.uuid4(), "2026-01-01", "service_point", "430103")
    assert own.status_code == 200 and own.json()["contribution_months"] == 14
    assert other.status_code == missing.status_code == 404 and other.json() == missing.json()
    for role in ("case_manager", "auditor", "operations", "system"):
        assert (await history(client, person_id, "2026-01-01", role)).status_code == 200
    assert (await history(client, person_id, "2026-01-01", "finance")).status_code == 403
    bad_date = await history(client, person_id, "2026-02-30")
    assert (bad_date.status_code, bad_date.json()["field"]) == (422, "as_of")
    record_other = await client.get(
        f"/persons/{person_id}/contribution-records", headers=auth("service_point", "430103")
    )
    assert record_other.status_code == 404
    correction_by_auditor = await client.post(
        f"/persons/{person_id}/contribution-records/corrections", json={}, headers=auth("auditor")
    )
    assert correction_by_auditor.status_code == 403


async def test_an_assessed_month_credits_only_people_still_employed_in_it_r_decl_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await f.employer(conn)
    await f.policies(conn, employer["district"])
    stays = await f.employment(conn, employer["id"], hired_on=dt.date(2024, 1, 1))
    leaves = await f.employment(conn, employer["id"], hired_on=dt.date(2024, 1, 1), separated_on=dt.date(2025, 3, 31))
    await f.declare(client, employer["id"], "2025-03", [(stays, "10000.00"), (leaves, "10000.00")])
    assessed = await client.post(
        f"/employers/{employer['id']}/assessments", json={"contribution_month": "2025-04"}, headers=auth("case_manager")
    )
    # The employer owes 110% of March's whole amount (R-DECL-1): 2 × 330.00.
    assert assessed.json()["total_amount"] == "660.00"
    await f.pay(client, employer["id"], amount="600.00", paid_on="2025-04-15", contribution_month="2025-03")
    await f.pay(client, employer["id"], amount="660.00", paid_on="2025-05-15", contribution_month="2025-04")

    person_of = "SELECT person_id FROM employments WHERE id = $1"
    stayed = (await history(client, await conn.fetchval(person_of, stays), "2025-12-31")).json()
    left = (await history(client, await conn.fetchval(person_of, leaves), "2025-12-31")).json()
    assert stayed["contribution_months"] == 2
    # April is not contribution time for someone who left in March.
    assert left["contribution_months"] == 1 and left["spells"][0]["last_month"] == "2025-03"


async def test_a_yearly_statement_r_rec_1(client: httpx.AsyncClient, mover: dict) -> None:
    url = f"/persons/{mover['person_id']}/contribution-records/statement"
    body = (await client.get(f"{url}?year=2024", headers=auth("case_manager"))).json()

    assert [line["contribution_month"] for line in body["lines"]] == months("2024-01", 10)
    assert (body["employer_amount_total"], body["employee_amount_total"]) == ("2000.00", "1000.00")
    assert (body["months_counted"], body["cumulative_months"]) == (10, 10)
    assert (await client.get(f"{url}?year=2025", headers=auth("auditor"))).json()["cumulative_months"] == 14

    as_csv = await client.get(f"{url}?year=2024&format=csv", headers=auth("case_manager"))
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = as_csv.text.lstrip("\ufeff").splitlines()
    assert rows[0] == "缴费月份,参保单位编号,缴费基数,单位缴费,个人缴费,计入缴费月数"
    assert rows[1] == f"2024-01,{mover['a']['id']},10000.00,200.00,100.00,是"
    assert rows[-2] == "合计,,,2000.00,1000.00,10"
    foreign = await client.get(f"{url}?year=2024", headers=auth("service_point", "430199"))
    assert foreign.status_code == 404


async def test_a_new_job_in_the_record_of_a_registered_person_is_found_r_stop_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, clock: TestClock
) -> None:
    today = china_today()
    separated, this_month = today - dt.timedelta(days=20), today.strftime("%Y-%m")
    person_id = await f.person(conn)
    former, new = await f.employer(conn), await f.employer(conn)
    for employer in (former, new):
        await f.policies(conn, employer["district"])
    at_former = await f.employment(conn, former["id"], person_id, hired_on=dt.date(2020, 1, 1), separated_on=separated)
    id_number = await conn.fetchval("SELECT id_number FROM persons WHERE id = $1", person_id)
    registration = (await client.post(
        "/unemployment-registrations",
        json=registration_payload(id_number=id_number, separation_date=separated.isoformat(),
                                  registration_date=(today - dt.timedelta(days=5)).isoformat()),
        headers=auth("service_point", "430102"),
    )).json()
    since = clock.instant().isoformat()  # the services' clock stamps the records
    url = "/contribution-records/hires-after-registration"

    # The former employer's last month is not a new job.
    await settle(client, former["id"], at_former, separated.strftime("%Y-%m"))
    assert registration["id"] not in {h["registration_id"] for h in (await client.get(
        url, params={"recorded_since": since}, headers=auth("system"))).json()}

    at_new = await f.employment(conn, new["id"], person_id, hired_on=today - dt.timedelta(days=2))
    await settle(client, new["id"], at_new, this_month)
    found = [h for h in (await client.get(url, params={"recorded_since": since}, headers=auth("system"))).json()
             if h["registration_id"] == registration["id"]]

    assert len(found) == 1
    hire = found[0]
    assert (hire["employer_id"], hire["employment_id"], hire["first_month"]) == (str(new["id"]), str(at_new), this_month)
    assert hire["hired_on"] == (today - dt.timedelta(days=2)).isoformat()
    assert hire["evidence_ref"].startswith("contribution-record:")
    assert id_number not in str(hire)
    assert (await client.get(url, headers=auth("service_point", "430102"))).status_code == 403

    # Corrected away (the payment was returned): the entry in force no longer shows a job.
    reversal = await client.post(
        f"/persons/{person_id}/contribution-records/corrections",
        json={"request_key": "bounce", "employer_id": str(new["id"]), "contribution_month": this_month,
              "base": "10000.00", "employer_amount": "200.00", "employee_amount": "100.00",
              "employer_share_paid": False, "personal_share_paid": False, "reason": "银行退票"},
        headers=auth("case_manager"),
    )
    assert reversal.status_code == 201, reversal.text
    after = (await client.get(url, params={"recorded_since": since}, headers=auth("system"))).json()
    assert registration["id"] not in {h["registration_id"] for h in after}


async def test_a_correction_can_add_a_month_missing_from_the_record_and_months_stay_distinct(
    client: httpx.AsyncClient, mover: dict
) -> None:
    # A month recovered from paper vouchers (no entry before), and a second employer's entry for a
    # month already counted: the first adds one month, the second adds none.
    url = f"/persons/{mover['person_id']}/contribution-records/corrections"
    base = {"base": "8000.00", "employer_amount": "160.00", "employee_amount": "80.00",
            "employer_share_paid": True, "personal_share_paid": True, "reason": "据缴费凭证补记"}
    added = await client.post(
        url, json={**base, "request_key": "add-1", "employer_id": str(mover["a"]["id"]), "contribution_month": "2023-12"},
        headers=auth("case_manager"),
    )
    overlap = await client.post(
        url, json={**base, "request_key": "add-2", "employer_id": str(mover["b"]["id"]), "contribution_month": "2024-05"},
        headers=auth("case_manager"),
    )
    assert (added.status_code, added.json()["corrects_id"]) == (201, None)
    assert overlap.status_code == 201

    body = (await history(client, mover["person_id"], "2026-01-01")).json()
    assert body["contribution_months"] == 15
    assert [(s["employer_id"], s["first_month"], s["last_month"]) for s in body["spells"]] == [
        (str(mover["a"]["id"]), "2023-12", "2024-10"),
        (str(mover["b"]["id"]), "2024-05", "2024-05"),
        (str(mover["b"]["id"]), "2025-01", "2025-04"),
    ]
    assert body["last_employer_id"] == str(mover["b"]["id"])
