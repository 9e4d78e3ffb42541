"""Re-employment statistics computed on a known data set (one district of its own), as JSON and
as CSV with Chinese headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import asyncpg
import httpx

from tests.factories import auth
from tests.services.employment.factories import unique_district

D = dt.date


async def seeker(
    conn: asyncpg.Connection,
    district: str,
    registered: dt.date,
    *,
    on_benefit: bool = True,
    withdrawn_on: dt.date | None = None,
) -> uuid.UUID:
    seeker_id = uuid.uuid4()
    # 10:00 China time on the registration day.
    created_at = dt.datetime.combine(registered, dt.time(2, 0), tzinfo=dt.UTC)
    await conn.execute(
        "INSERT INTO job_seekers (id, registration_id, person_id, district, on_benefit, created_by, created_at,"
        " status, withdrawal_reason, withdrawn_on, registered_on)"
        " VALUES ($1, $2, $3, $4, $5, 'test', $6, $7, $8, $9, $10)",
        seeker_id,
        uuid.uuid4(),
        uuid.uuid4(),
        district,
        on_benefit,
        created_at,
        "withdrawn" if withdrawn_on else "active",
        "moved_away" if withdrawn_on else None,
        withdrawn_on,
        registered,
    )
    return seeker_id


async def placed(conn: asyncpg.Connection, seeker_id: uuid.UUID, start: dt.date, *, via_referral: bool) -> None:
    await conn.execute(
        "INSERT INTO placements (id, job_seeker_id, employer_name, start_date, through_referral, created_by)"
        " VALUES ($1, $2, '某公司', $3, $4, 'test')",
        uuid.uuid4(),
        seeker_id,
        start,
        via_referral,
    )
    await conn.execute("UPDATE job_seekers SET status = 'placed' WHERE id = $1", seeker_id)


async def trained(conn: asyncpg.Connection, seeker_id: uuid.UUID, completed: dt.date) -> None:
    provider_id, course_id = uuid.uuid4(), uuid.uuid4()
    await conn.execute(
        "INSERT INTO training_providers (id, name, district, created_by) VALUES ($1, $2, '430102', 'test')",
        provider_id,
        f"统计测试学校{provider_id}",
    )
    await conn.execute(
        "INSERT INTO courses (id, provider_id, code, title, occupation, capacity, start_date, end_date, cost, created_by)"
        " VALUES ($1, $2, 'S1', '电工班', '电工', 10, $3, $4, 0, 'test')",
        course_id,
        provider_id,
        completed - dt.timedelta(days=30),
        completed,
    )
    await conn.execute(
        "INSERT INTO enrolments (id, course_id, job_seeker_id, status, completed_on, created_by)"
        " VALUES ($1, $2, $3, 'completed', $4, 'test')",
        uuid.uuid4(),
        course_id,
        seeker_id,
        completed,
    )


async def known_data_set(conn: asyncpg.Connection, district: str) -> None:
    a = await seeker(conn, district, D(2025, 1, 10))
    await placed(conn, a, D(2025, 2, 15), via_referral=True)
    b = await seeker(conn, district, D(2025, 1, 20))
    await trained(conn, b, D(2025, 2, 28))
    c = await seeker(conn, district, D(2025, 2, 5))
    await placed(conn, c, D(2025, 2, 5), via_referral=False)
    d = await seeker(conn, district, D(2025, 1, 3), on_benefit=False)  # registered at the desk
    await placed(conn, d, D(2025, 3, 1), via_referral=True)
    await seeker(conn, district, D(2025, 1, 1), withdrawn_on=D(2025, 1, 31))
    await seeker(conn, district, D(2025, 3, 15))


async def test_monthly_figures_on_a_known_data_set(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    district = unique_district()
    await known_data_set(conn, district)
    response = await client.get(
        "/statistics/reemployment",
        params={"from_month": "2025-01", "to_month": "2025-04", "district": district},
        headers=auth("operations"),
    )
    assert response.status_code == 200, response.text
    rows = [(r["period"], r["drew_benefit"], r["reemployed"], r["reemployment_rate"], r["placements"],
             r["placed_through_referral"], r["trained"]) for r in response.json()]
    assert rows == [
        # January: A, B and E (withdrawn on the 31st) drew benefit.
        ("2025-01", 3, 0, "0.0", 0, 0, 0),
        # February: A (placed 15th, by referral), B (trained), C (placed 5th); E had left.
        ("2025-02", 3, 2, "66.7", 2, 1, 1),
        # March: B and F; D's placement counts among placements, not the benefit rate.
        ("2025-03", 2, 0, "0.0", 1, 1, 0),
        # April: B and F still searching.
        ("2025-04", 2, 0, "0.0", 0, 0, 0),
    ]


async def test_csv_export_has_chinese_headers(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    district = unique_district()
    await known_data_set(conn, district)
    response = await client.get(
        "/statistics/reemployment",
        params={"from_month": "2025-02", "to_month": "2025-02", "district": district, "format": "csv"},
        headers=auth("auditor"),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table == [
        ["行政区划代码", "统计期", "领取失业保险金人数", "其中再就业人数", "再就业率(%)", "再就业登记总人数", "经职业介绍就业人数", "培训结业人数"],
        [district, "2025-02", "3", "2", "66.7", "2", "1", "1"],
    ]


async def test_service_points_get_their_district_and_bad_ranges_are_refused(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    district = unique_district()
    await known_data_set(conn, district)
    params = {"from_month": "2025-02", "to_month": "2025-02", "district": district}
    other_point = await client.get("/statistics/reemployment", params=params, headers=auth("service_point", "430103"))
    assert district not in {r["district"] for r in other_point.json()}
    inverted = await client.get(
        "/statistics/reemployment", params={"from_month": "2025-03", "to_month": "2025-01"}, headers=auth("operations")
    )
    assert (inverted.status_code, inverted.json()["code"], inverted.json()["field"]) == (422, "month_range_inverted", "to_month")
    malformed = await client.get(
        "/statistics/reemployment", params={"from_month": "2025-13", "to_month": "2025-01"}, headers=auth("operations")
    )
    assert (malformed.status_code, malformed.json()["field"]) == (422, "from_month")
    assert (await client.get("/statistics/reemployment", params=params, headers=auth("finance"))).status_code == 403


async def test_yearly_figures_count_each_person_once(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    district = unique_district()
    await known_data_set(conn, district)
    response = await client.get(
        "/statistics/reemployment/yearly", params={"year": 2025, "district": district}, headers=auth("operations")
    )
    assert response.status_code == 200, response.text
    # A, B, C, E and F drew benefit in 2025 (five people, though the months sum to 10);
    # A and C were re-employed: 40.0%. D's placement counts among placements, not the rate.
    assert response.json() == [
        {
            "district": district,
            "period": "2025",
            "drew_benefit": 5,
            "reemployed": 2,
            "reemployment_rate": "40.0",
            "placements": 3,
            "placed_through_referral": 2,
            "trained": 1,
        }
    ]
    previous = await client.get(
        "/statistics/reemployment/yearly", params={"year": 2024, "district": district}, headers=auth("operations")
    )
    assert previous.json() == []


async def test_a_benefit_ended_by_the_journey_leaves_the_drew_benefit_count(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    district = unique_district()
    ended = await seeker(conn, district, D(2025, 1, 10))
    await seeker(conn, district, D(2025, 1, 5))
    body = {"ended_on": "2025-02-20", "reason": "entitlement_exhausted"}
    url = f"/job-seekers/{ended}/benefit-end"

    first = await client.post(url, json=body, headers=auth("system"))
    repeated = await client.post(url, json=body, headers=auth("system"))
    different = await client.post(url, json={**body, "ended_on": "2025-02-21"}, headers=auth("system"))
    by_desk = await client.post(url, json=body, headers=auth("service_point", district))

    assert (first.status_code, repeated.status_code) == (201, 200), first.text
    assert first.json()["benefit_ended_on"] == "2025-02-20"
    assert (different.status_code, different.json()["code"]) == (409, "benefit_end_recorded")
    assert by_desk.status_code == 403
    response = await client.get(
        "/statistics/reemployment",
        params={"from_month": "2025-01", "to_month": "2025-03", "district": district},
        headers=auth("operations"),
    )
    assert [(r["period"], r["drew_benefit"]) for r in response.json()] == [
        ("2025-01", 2), ("2025-02", 2), ("2025-03", 1)  # March: the benefit ended in February
    ]
