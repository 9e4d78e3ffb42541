"""求职登记: the profile, withdrawal with a reason, certificates, district scope, bad input."""

from __future__ import annotations


import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.employment.factories import new_seeker, profile, seeker_payload


async def test_profile_is_kept_and_replaced(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client, "service_point", **profile(skills=[" 焊工 ", "焊工", "叉车"]))
    assert seeker["skills"] == ["焊工", "叉车"]
    assert seeker["on_benefit"] is False  # registered at the desk, not by the benefit journey
    response = await client.put(
        f"/job-seekers/{seeker['id']}/profile",
        json=profile(preferred_occupations=["焊工"], education="bachelor"),
        headers=auth("service_point", "430102"),
    )
    assert response.status_code == 200, response.text
    assert (response.json()["preferred_occupations"], response.json()["education"]) == (["焊工"], "bachelor")


async def test_journey_registration_marks_the_person_on_benefit(client: httpx.AsyncClient) -> None:
    assert (await new_seeker(client))["on_benefit"] is True


async def test_withdrawal_needs_a_reason_and_is_idempotent(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client)
    url = f"/job-seekers/{seeker['id']}/withdrawal"
    today = china_today().isoformat()
    no_note = await client.post(url, json={"reason": "other", "withdrawn_on": today}, headers=auth("case_manager"))
    assert (no_note.status_code, no_note.json()["code"]) == (422, "withdrawal_note_required")
    body = {"reason": "moved_away", "withdrawn_on": today}
    first = await client.post(url, json=body, headers=auth("case_manager"))
    again = await client.post(url, json=body, headers=auth("case_manager"))
    other = await client.post(url, json={"reason": "enlisted", "withdrawn_on": today}, headers=auth("case_manager"))
    assert (first.status_code, again.status_code, other.status_code) == (200, 200, 409)
    assert first.json()["status"] == "withdrawn" and first.json()["withdrawal_reason"] == "moved_away"
    # A withdrawn job seeker's profile is closed.
    edit = await client.put(f"/job-seekers/{seeker['id']}/profile", json=profile(), headers=auth("case_manager"))
    assert (edit.status_code, edit.json()["code"]) == (409, "job_seeker_not_active")


async def test_certificates_are_recorded_once(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client)
    url = f"/job-seekers/{seeker['id']}/certificates"
    body = {"certificate_no": "S430100000123", "occupation": "电工", "level": "4", "issued_on": "2024-05-01"}
    first = await client.post(url, json=body, headers=auth("case_manager"))
    again = await client.post(url, json=body, headers=auth("case_manager"))
    changed = await client.post(url, json={**body, "level": "3"}, headers=auth("case_manager"))
    assert (first.status_code, again.status_code, changed.status_code) == (201, 200, 409)
    listed = await client.get(url, headers=auth("auditor"))
    assert [c["certificate_no"] for c in listed.json()] == ["S430100000123"]
    assert listed.json()[0]["source"] == "declared"


async def test_service_points_are_confined_to_their_district(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client, district="430103")
    own = auth("service_point", "430102")
    assert (await client.get(f"/job-seekers/{seeker['id']}", headers=own)).status_code == 404
    edit = await client.put(f"/job-seekers/{seeker['id']}/profile", json=profile(), headers=own)
    assert (edit.status_code, edit.json()["code"]) == (404, "job_seeker_not_found")
    listed = await client.get("/job-seekers", headers=own, params={"limit": 200})
    assert seeker["id"] not in {s["id"] for s in listed.json()}
    register_elsewhere = await client.post(
        "/job-seekers", json=seeker_payload(district="430103"), headers=own
    )
    assert register_elsewhere.status_code == 403


async def test_bad_profile_input_names_the_field(client: httpx.AsyncClient) -> None:
    bad_district = await client.post(
        "/job-seekers", json=seeker_payload(**profile(preferred_districts=["4301"])), headers=auth("system")
    )
    assert bad_district.status_code == 422
    assert (bad_district.json()["code"], bad_district.json()["field"]) == ("invalid_district", "preferred_districts")
    seeker = await new_seeker(client)
    bad_skill = await client.put(
        f"/job-seekers/{seeker['id']}/profile", json=profile(skills=["   "]), headers=auth("case_manager")
    )
    assert (bad_skill.status_code, bad_skill.json()["code"], bad_skill.json()["field"]) == (
        422,
        "invalid_skills",
        "skills",
    )
    bad_education = await client.put(
        f"/job-seekers/{seeker['id']}/profile", json=profile(education="phd"), headers=auth("case_manager")
    )
    assert (bad_education.status_code, bad_education.json()["field"]) == (422, "education")


async def test_journey_registration_after_the_desk_marks_benefit(client: httpx.AsyncClient) -> None:
    payload = seeker_payload()
    desk = await client.post("/job-seekers", json=payload, headers=auth("service_point", "430102"))
    journey = await client.post("/job-seekers", json=payload, headers=auth("system"))
    assert (desk.status_code, journey.status_code) == (201, 200)
    assert journey.json()["id"] == desk.json()["id"]
    assert (desk.json()["on_benefit"], journey.json()["on_benefit"]) == (False, True)
