"""职业培训: providers, courses, enrolment, attendance, completion with certificate and level, and
the completion's signal to the journey (R-SUB-1), once even when the request is retried."""

from __future__ import annotations

import datetime as dt

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.employment.factories import course_payload, new_course, new_seeker, provider_payload
from contracts.journey import claimant_journey_id

TODAY = china_today()


async def started_course(client: httpx.AsyncClient, **overrides: object) -> dict:
    return await new_course(
        client,
        start_date=(TODAY - dt.timedelta(days=20)).isoformat(),
        end_date=TODAY.isoformat(),
        **overrides,
    )


async def enrolled(client: httpx.AsyncClient, course: dict) -> tuple[dict, dict]:
    seeker = await new_seeker(client)
    response = await client.post(
        f"/courses/{course['id']}/enrolments", json={"job_seeker_id": seeker["id"]}, headers=auth("case_manager")
    )
    assert response.status_code == 201, response.text
    return seeker, response.json()


async def test_provider_and_course_are_keyed_and_validated(client: httpx.AsyncClient) -> None:
    body = provider_payload(uscc="91350100M000100Y43")
    first = await client.post("/training-providers", json=body, headers=auth("operations"))
    again = await client.post("/training-providers", json=body, headers=auth("operations"))
    assert (first.status_code, again.status_code) == (201, 200)
    bad_uscc = await client.post(
        "/training-providers", json=provider_payload(uscc="91350100M000100Y44"), headers=auth("operations")
    )
    assert (bad_uscc.status_code, bad_uscc.json()["code"], bad_uscc.json()["field"]) == (422, "invalid_uscc", "uscc")
    backwards = await client.post(
        "/courses",
        json=course_payload(first.json()["id"], start_date="2026-03-10", end_date="2026-03-01"),
        headers=auth("operations"),
    )
    assert (backwards.status_code, backwards.json()["code"]) == (422, "end_before_start")
    below_fen = await client.post("/courses", json=course_payload(first.json()["id"], cost="1800.005"), headers=auth("operations"))
    assert (below_fen.status_code, below_fen.json()["code"]) == (422, "invalid_decimal_max_places")  # never rounded (issue 9)
    course = course_payload(first.json()["id"], cost="1800.01")
    created = await client.post("/courses", json=course, headers=auth("operations"))
    assert created.status_code == 201 and created.json()["cost"] == "1800.01"
    changed = await client.post("/courses", json={**course, "capacity": 5}, headers=auth("operations"))
    assert (changed.status_code, changed.json()["code"]) == (409, "course_exists")
    assert (await client.post("/courses", json=course, headers=auth("service_point"))).status_code == 403


async def test_enrolment_is_once_per_person_and_capacity_holds(client: httpx.AsyncClient) -> None:
    course = await new_course(client, capacity=1)
    seeker, enrolment = await enrolled(client, course)
    again = await client.post(
        f"/courses/{course['id']}/enrolments", json={"job_seeker_id": seeker["id"]}, headers=auth("case_manager")
    )
    assert (again.status_code, again.json()["id"]) == (200, enrolment["id"])
    other = await new_seeker(client)
    full = await client.post(
        f"/courses/{course['id']}/enrolments", json={"job_seeker_id": other["id"]}, headers=auth("case_manager")
    )
    assert (full.status_code, full.json()["code"]) == (409, "course_full")
    # Withdrawing frees the seat.
    assert (await client.post(f"/enrolments/{enrolment['id']}/withdrawal", headers=auth("case_manager"))).status_code == 200
    retry = await client.post(
        f"/courses/{course['id']}/enrolments", json={"job_seeker_id": other["id"]}, headers=auth("case_manager")
    )
    assert retry.status_code == 201
    assert (await client.get(f"/courses/{course['id']}", headers=auth("auditor"))).json()["seats_taken"] == 1


async def test_attendance_is_counted_within_the_course(client: httpx.AsyncClient) -> None:
    _, enrolment = await enrolled(client, await started_course(client))
    url = f"/enrolments/{enrolment['id']}/attendance"
    for days_ago, present in ((3, True), (2, False), (1, True)):
        day = (TODAY - dt.timedelta(days=days_ago)).isoformat()
        assert (await client.post(url, json={"day": day, "present": present}, headers=auth("case_manager"))).status_code == 200
    changed = await client.post(
        url, json={"day": (TODAY - dt.timedelta(days=2)).isoformat(), "present": True}, headers=auth("case_manager")
    )
    assert (changed.status_code, changed.json()["code"]) == (409, "attendance_exists")
    outside = await client.post(
        url, json={"day": (TODAY - dt.timedelta(days=40)).isoformat(), "present": True}, headers=auth("case_manager")
    )
    assert (outside.status_code, outside.json()["code"], outside.json()["field"]) == (422, "day_outside_course", "day")
    read = (await client.get(f"/enrolments/{enrolment['id']}", headers=auth("auditor"))).json()
    assert (read["days_recorded"], read["days_present"]) == (3, 2)


async def test_completion_with_certificate_signals_the_journey_once(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    course = await started_course(client, occupation="焊工", level="3")
    seeker, enrolment = await enrolled(client, course)
    url = f"/enrolments/{enrolment['id']}/completion"
    body = {"completed_on": TODAY.isoformat(), "passed": True, "certificate_no": "HN2026-000123", "certificate_level": "3"}
    first = await client.post(url, json=body, headers=auth("case_manager"))
    retried = await client.post(url, json=body, headers=auth("case_manager"))
    assert (first.status_code, retried.status_code) == (201, 200)
    assert first.json()["status"] == "completed"
    different = await client.post(url, json={**body, "certificate_level": "2"}, headers=auth("case_manager"))
    assert (different.status_code, different.json()["code"]) == (409, "enrolment_completed")

    signals = await conn.fetch(
        "SELECT payload, dedupe_key FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"])
    )
    assert len(signals) == 1
    assert signals[0]["payload"] == {
        "signal": "training_completed",
        "arg": {
            "enrolment_id": enrolment["id"],
            "course_id": enrolment["course_id"],
            "occupation": "焊工",
            "certificate_level": "3",
            "course_cost": course["cost"],
        },
    }
    assert signals[0]["dedupe_key"].endswith(":" + enrolment["id"])  # the event's own ID
    certificates = (await client.get(f"/job-seekers/{seeker['id']}/certificates", headers=auth("auditor"))).json()
    assert [(c["occupation"], c["level"], c["source"]) for c in certificates] == [("焊工", "3", "training")]


async def test_failed_course_sends_nothing_and_certificate_needs_a_pass(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker, enrolment = await enrolled(client, await started_course(client))
    url = f"/enrolments/{enrolment['id']}/completion"
    bad = await client.post(
        url,
        json={"completed_on": TODAY.isoformat(), "passed": False, "certificate_no": "X1"},
        headers=auth("case_manager"),
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "certificate_without_pass")
    future = await client.post(
        url,
        json={"completed_on": (TODAY + dt.timedelta(days=3)).isoformat(), "passed": True},
        headers=auth("case_manager"),
    )
    assert (future.status_code, future.json()["code"], future.json()["field"]) == (422, "invalid_completed_on", "completed_on")
    failed = await client.post(url, json={"completed_on": TODAY.isoformat(), "passed": False}, headers=auth("case_manager"))
    assert (failed.status_code, failed.json()["status"]) == (201, "failed")
    assert await conn.fetchval(
        "SELECT count(*) FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"])
    ) == 0


async def test_other_district_cannot_enrol_or_see_enrolments(client: httpx.AsyncClient) -> None:
    course = await new_course(client)
    seeker, enrolment = await enrolled(client, course)
    other = auth("service_point", "430103")
    enrol = await client.post(f"/courses/{course['id']}/enrolments", json={"job_seeker_id": seeker["id"]}, headers=other)
    seen = await client.get(f"/enrolments/{enrolment['id']}", headers=other)
    listed = await client.get(f"/courses/{course['id']}/enrolments", headers=other)
    assert (enrol.status_code, seen.status_code) == (404, 404)
    assert listed.json() == []
    own = await client.get(f"/courses/{course['id']}/enrolments", headers=auth("service_point", "430102"))
    assert [e["id"] for e in own.json()] == [enrolment["id"]]
