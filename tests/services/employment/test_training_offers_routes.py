"""R-STOP-1 counts refusing suitable *training* too: a course offered through a referral, accepted
(enrolment, capacity holding) or refused with a reason judged good or not."""

from __future__ import annotations


import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.employment.factories import new_course, new_seeker, new_vacancy, profile
from contracts.journey import claimant_journey_id

TODAY = china_today().isoformat()
CM = auth("case_manager")


async def offer(client: httpx.AsyncClient, seeker: dict, course: dict) -> httpx.Response:
    return await client.post("/referrals", json={"course_id": course["id"], "job_seeker_id": seeker["id"]}, headers=CM)


async def test_accepted_offer_enrols_once(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client, **profile())
    course = await new_course(client, occupation="电工", capacity=5)
    offered = await offer(client, seeker, course)
    assert offered.status_code == 201, offered.text
    referral = offered.json()
    assert (referral["course_id"], referral["vacancy_id"]) == (course["id"], None)
    assert referral["match_reasons"][0]["detail"] == "培训职业与求职意向一致: 电工"
    body = {"outcome": "enrolled", "outcome_on": TODAY}
    first = await client.post(f"/referrals/{referral['id']}/outcome", json=body, headers=CM)
    again = await client.post(f"/referrals/{referral['id']}/outcome", json=body, headers=CM)
    assert (first.status_code, again.status_code) == (201, 200)
    enrolments = (await client.get(f"/job-seekers/{seeker['id']}/enrolments", headers=CM)).json()
    assert [e["id"] for e in enrolments] == [first.json()["enrolment_id"]]
    assert (await client.get(f"/courses/{course['id']}", headers=CM)).json()["seats_taken"] == 1


async def test_refused_training_without_good_reason_counts(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client, **profile())
    referral = (await offer(client, seeker, await new_course(client, occupation="育婴员"))).json()
    assert referral["match_reasons"] == [{"factor": "designated", "points": 0, "detail": "经办机构安排的职业培训"}]
    response = await client.post(
        f"/referrals/{referral['id']}/outcome",
        json={"outcome": "refused", "outcome_on": TODAY, "refusal_reason": "不想学", "good_reason": False},
        headers=CM,
    )
    assert response.status_code == 201
    payloads = [
        r["payload"]
        for r in await conn.fetch("SELECT payload FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"]))
    ]
    assert payloads == [
        {"signal": "refusal_recorded", "arg": {"referral_id": referral["id"], "refusals_without_good_reason": 1, "threshold_reached": False}}
    ]
    # A refused job then reaches the threshold (sample: 2): refusals of jobs and training add up.
    job = (await client.post("/referrals", json={"vacancy_id": (await new_vacancy(client))["id"], "job_seeker_id": seeker["id"]}, headers=CM)).json()
    second = await client.post(
        f"/referrals/{job['id']}/outcome",
        json={"outcome": "refused", "outcome_on": TODAY, "refusal_reason": "嫌远", "good_reason": False},
        headers=CM,
    )
    assert second.json()["stop_proposal_id"] is not None


async def test_offer_input_and_outcome_must_fit_the_target(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client, **profile())
    course = await new_course(client, capacity=1)
    both = await client.post(
        "/referrals",
        json={"course_id": course["id"], "vacancy_id": (await new_vacancy(client))["id"], "job_seeker_id": seeker["id"]},
        headers=CM,
    )
    assert (both.status_code, both.json()["code"]) == (422, "one_target_required")
    referral = (await offer(client, seeker, course)).json()
    hired = await client.post(
        f"/referrals/{referral['id']}/outcome", json={"outcome": "hired", "outcome_on": TODAY, "start_date": TODAY}, headers=CM
    )
    assert (hired.status_code, hired.json()["code"], hired.json()["field"]) == (422, "outcome_not_for_target", "outcome")
    # The only seat goes to someone else first: accepting now finds the course full, nothing changes.
    other = await new_seeker(client, **profile())
    assert (
        await client.post(f"/courses/{course['id']}/enrolments", json={"job_seeker_id": other["id"]}, headers=CM)
    ).status_code == 201
    full = await client.post(f"/referrals/{referral['id']}/outcome", json={"outcome": "enrolled", "outcome_on": TODAY}, headers=CM)
    assert (full.status_code, full.json()["code"]) == (409, "course_full")
    assert (await client.get(f"/referrals/{referral['id']}", headers=CM)).json()["status"] == "pending"
