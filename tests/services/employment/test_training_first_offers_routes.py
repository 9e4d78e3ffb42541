"""首次职业培训推荐 (issue 11): a person on benefit is offered vocational training — a course through
a referral, or an enrolment — within the policy's days of the job-seeker registration
('first_training_offer_days', province sample 30), as the first guidance offer is
('first_guidance_days', tests/services/employment/test_guidance_routes.py)."""

from __future__ import annotations

import datetime as dt

import httpx

from tests.clock import TestClock
from tests.factories import auth
from tests.services.employment.factories import new_course, new_seeker, unique_district

CM = auth("case_manager")
URL = "/training/first-offers-due"


async def test_a_person_on_benefit_is_due_a_training_offer_within_the_policy_days(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    district = unique_district()
    seeker = await new_seeker(client, district=district)  # by the journey: on benefit
    point = auth("service_point", district)
    today = clock.today()

    due = (await client.get(URL, headers=point)).json()

    assert due == [
        {
            "job_seeker_id": seeker["id"],
            "district": district,
            "registered_on": today.isoformat(),
            "due_on": (today + dt.timedelta(days=30)).isoformat(),
            "overdue": False,
        }
    ]
    clock.shift(days=31)
    assert [row["overdue"] for row in (await client.get(URL, headers=point)).json()] == [True]
    # A course offered through a referral is the offer, whatever its outcome later.
    offered = await client.post(
        "/referrals", json={"course_id": (await new_course(client))["id"], "job_seeker_id": seeker["id"]}, headers=CM
    )
    assert offered.status_code == 201, offered.text
    assert (await client.get(URL, headers=point)).json() == []


async def test_an_enrolment_counts_and_people_not_on_benefit_are_not_listed(client: httpx.AsyncClient) -> None:
    district = unique_district()
    enrolled = await new_seeker(client, district=district)
    response = await client.post(
        f"/courses/{(await new_course(client))['id']}/enrolments", json={"job_seeker_id": enrolled["id"]}, headers=CM
    )
    assert response.status_code == 201, response.text
    await new_seeker(client, role="service_point", district=district)  # at the desk: not on benefit
    waiting = await new_seeker(client, district=district)

    rows = (await client.get(URL, headers=auth("service_point", district))).json()

    assert [row["job_seeker_id"] for row in rows] == [waiting["id"]]


async def test_scope_and_roles(client: httpx.AsyncClient) -> None:
    district = unique_district()
    seeker = await new_seeker(client, district=district)
    other_point = await client.get(URL, params={"district": district}, headers=auth("service_point", "430102"))
    assert other_point.status_code == 200 and seeker["id"] not in {r["job_seeker_id"] for r in other_point.json()}
    assert {row["district"] for row in other_point.json()} <= {"430102"}  # its own, whatever it asks
    for role in ("case_manager", "operations", "auditor"):
        listed = (await client.get(URL, params={"district": district}, headers=auth(role))).json()
        assert [row["job_seeker_id"] for row in listed] == [seeker["id"]], role
    for role in ("finance", "system"):
        assert (await client.get(URL, headers=auth(role))).status_code == 403, role
    for params, field in (({"limit": 0}, "limit"), ({"district": "43"}, "district")):
        bad = await client.get(URL, params=params, headers=CM)
        assert (bad.status_code, bad.json()["field"]) == (422, field)
