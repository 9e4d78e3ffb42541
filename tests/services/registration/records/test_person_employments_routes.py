"""A person's insured employments across employers, as the benefits audit cross-match reads them
(R-FRAUD-1): internal IDs and dates only, district scope for service points."""

from __future__ import annotations

import datetime as dt

import httpx

from shared.clock import china_today
from tests.factories import auth, id_number
from tests.services.registration.factories import approved_employer, staff_member


async def test_employments_of_a_person_across_two_employers(client: httpx.AsyncClient) -> None:
    number = id_number()
    first_hire = china_today() - dt.timedelta(days=300)
    second_hire = china_today() - dt.timedelta(days=20)
    founded = (first_hire - dt.timedelta(days=30)).isoformat()
    first = await approved_employer(
        client, founded_on=founded, staff=[staff_member(id_number=number, hired_on=first_hire.isoformat())]
    )
    first_employment = (await client.get(f"/employers/{first['id']}/employments", headers=auth("case_manager"))).json()[0]
    separated = await client.post(
        f"/employments/{first_employment['id']}/separation",
        json={"separated_on": (second_hire - dt.timedelta(days=10)).isoformat(), "reason": "contract_expired"},
        headers=auth("case_manager"),
    )
    assert separated.status_code in (200, 201), separated.text
    second = await approved_employer(
        client, founded_on=founded, staff=[staff_member(id_number=number, hired_on=second_hire.isoformat())]
    )
    person_id = first_employment["person_id"]

    response = await client.get(f"/persons/{person_id}/employments", headers=auth("system"))

    assert response.status_code == 200, response.text
    rows = response.json()
    assert [(r["employer_id"], r["hired_on"]) for r in rows] == [
        (first["id"], first_hire.isoformat()),
        (second["id"], second_hire.isoformat()),
    ]
    assert rows[0]["separated_on"] == (second_hire - dt.timedelta(days=10)).isoformat()
    assert rows[1]["separated_on"] is None
    assert number not in response.text  # internal IDs and dates only


async def test_service_points_outside_the_persons_district_get_404(client: httpx.AsyncClient) -> None:
    employer = await approved_employer(client)
    person_id = (await client.get(f"/employers/{employer['id']}/employments", headers=auth("case_manager"))).json()[0]["person_id"]
    other = await client.get(f"/persons/{person_id}/employments", headers=auth("service_point", "430103"))
    missing = await client.get("/persons/00000000-0000-4000-8000-000000000000/employments", headers=auth("system"))
    finance = await client.get(f"/persons/{person_id}/employments", headers=auth("finance"))
    assert other.status_code == missing.status_code == 404
    assert other.json()["code"] == missing.json()["code"]
    assert finance.status_code == 403
