"""职业介绍: matching both ways with reasons, referrals and their outcome; refusals counted only
without good reason; a stop *proposal* (never a stop) at the policy threshold (R-STOP-1); a hire
records the placement through referral and reaches the journey once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.four_eyes import approve, approve_as_second
from tests.clock import TestClock as Clock
from tests.services.employment.factories import new_seeker, new_vacancy, profile, unique_district
from contracts.journey import claimant_journey_id

TODAY = china_today()
CM = auth("case_manager")


async def refer(client: httpx.AsyncClient, seeker: dict, vacancy: dict) -> dict[str, Any]:
    response = await client.post(
        "/referrals", json={"vacancy_id": vacancy["id"], "job_seeker_id": seeker["id"]}, headers=CM
    )
    assert response.status_code == 201, response.text
    return response.json()


async def refuse(client: httpx.AsyncClient, referral: dict, good_reason: bool) -> httpx.Response:
    return await client.post(
        f"/referrals/{referral['id']}/outcome",
        json={"outcome": "refused", "outcome_on": TODAY.isoformat(), "refusal_reason": "嫌工资低", "good_reason": good_reason},
        headers=CM,
    )


async def signals(conn: asyncpg.Connection, seeker: dict) -> list[dict]:
    rows = await conn.fetch(
        "SELECT payload FROM outbox WHERE workflow_id = $1 ORDER BY id", claimant_journey_id(seeker["registration_id"])
    )
    return [r["payload"] for r in rows]


async def test_matches_are_ranked_with_reasons_both_ways(client: httpx.AsyncClient) -> None:
    district = unique_district()
    vacancy = await new_vacancy(client, district=district, occupation="数控车工", required_skills=["数控编程", "识图"])
    best = await new_seeker(
        client, district=district, **profile(preferred_occupations=["数控车工"], skills=["数控编程", "识图"], preferred_districts=[])
    )
    partial = await new_seeker(
        client, district=district, **profile(preferred_occupations=["数控车工"], skills=["识图"], preferred_districts=[])
    )
    under_educated = await new_seeker(
        client, district=district, **profile(preferred_occupations=["数控车工"], education="junior_secondary")
    )
    matches = (await client.get(f"/vacancies/{vacancy['id']}/matches", headers=CM)).json()
    ours = [m for m in matches if m["job_seeker"]["district"] == district]
    assert [m["job_seeker"]["id"] for m in ours] == [best["id"], partial["id"]]
    assert under_educated["id"] not in {m["job_seeker"]["id"] for m in matches}
    assert ours[0]["score"] == 40 + 30 + 5 + 5
    assert [r["factor"] for r in ours[0]["reasons"]] == ["occupation", "skills", "district", "education"]
    assert ours[1]["reasons"][1] == {"factor": "skills", "points": 15, "detail": "具备岗位要求技能 1/2: 识图"}

    for_seeker = (await client.get(f"/job-seekers/{best['id']}/matches", headers=CM)).json()
    assert for_seeker[0]["vacancy"]["id"] == vacancy["id"] and for_seeker[0]["rank"] == 1
    # A service point matches only its own district's people.
    other_point = (await client.get(f"/vacancies/{vacancy['id']}/matches", headers=auth("service_point", "430103"))).json()
    assert district not in {m["job_seeker"]["district"] for m in other_point}


async def test_referral_keeps_its_reasons_and_deadline(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client, **profile())
    vacancy = await new_vacancy(client)
    referral = await refer(client, seeker, vacancy)
    again = await client.post("/referrals", json={"vacancy_id": vacancy["id"], "job_seeker_id": seeker["id"]}, headers=CM)
    assert (again.status_code, again.json()["id"]) == (200, referral["id"])
    assert referral["status"] == "pending" and referral["match_score"] > 0
    assert referral["response_due_on"] == (TODAY + dt.timedelta(days=7)).isoformat()  # sample policy: 7 days
    unsuited = await new_seeker(client, **profile(education="primary"))
    refused = await client.post("/referrals", json={"vacancy_id": vacancy["id"], "job_seeker_id": unsuited["id"]}, headers=CM)
    assert (refused.status_code, refused.json()["code"]) == (409, "not_matched")


async def test_refusal_with_good_reason_is_not_counted(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client, **profile())
    for _ in range(3):
        response = await refuse(client, await refer(client, seeker, await new_vacancy(client)), good_reason=True)
        assert response.status_code == 201
    assert await signals(conn, seeker) == []
    assert await conn.fetchval("SELECT count(*) FROM stop_proposals WHERE job_seeker_id = $1::uuid", seeker["id"]) == 0


async def test_threshold_raises_a_stop_proposal_not_a_stop(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client, **profile())
    first = await refer(client, seeker, await new_vacancy(client))
    second = await refer(client, seeker, await new_vacancy(client))
    one = await refuse(client, first, good_reason=False)
    retried = await refuse(client, first, good_reason=False)
    assert (one.status_code, retried.status_code) == (201, 200)
    assert one.json()["stop_proposal_id"] is None
    two = await refuse(client, second, good_reason=False)
    proposal_id = two.json()["stop_proposal_id"]
    assert proposal_id is not None

    # One refusal_recorded per refusal, even though the first request was sent twice.
    assert await signals(conn, seeker) == [
        {"signal": "refusal_recorded", "arg": {"referral_id": first["id"], "refusals_without_good_reason": 1, "threshold_reached": False}},
        {"signal": "refusal_recorded", "arg": {"referral_id": second["id"], "refusals_without_good_reason": 2, "threshold_reached": True}},
    ]
    proposal = (await client.get(f"/stop-proposals/{proposal_id}", headers=CM)).json()
    assert (proposal["status"], proposal["refusals_counted"], proposal["threshold"]) == ("open", 2, 2)
    # Nothing was stopped: the person is still an active job seeker until a case manager decides.
    assert (await client.get(f"/job-seekers/{seeker['id']}", headers=CM)).json()["status"] == "active"
    by_point = await client.post(
        f"/stop-proposals/{proposal_id}/decision", json={"accepted": True, "note": "同意"}, headers=auth("service_point")
    )
    assert by_point.status_code == 403
    prepared = await client.post(
        f"/stop-proposals/{proposal_id}/decision", json={"accepted": True, "note": "两次无正当理由拒绝"}, headers=CM
    )
    # R-CTRL-1: accepting it is a stop (R-STOP-1): prepared, nothing decided and nobody told yet.
    assert (prepared.status_code, prepared.json()["kind"], prepared.json()["subject_id"]) == (202, "claim_stop", proposal_id)
    assert (await client.get(f"/stop-proposals/{proposal_id}", headers=CM)).json()["status"] == "open"
    assert (await signals(conn, seeker))[-1]["signal"] == "refusal_recorded"
    same = await approve(client, prepared.json()["id"], subject="test-case_manager")
    assert (same.status_code, same.json()["code"]) == (403, "four_eyes_same_person")
    decided = await approve_as_second(client, prepared)
    assert (decided.status_code, decided.json()["status"], decided.json()["decided_by"]) == (200, "accepted", "test-case_manager")
    # The accepted decision, not the proposal, tells the journey to stop the claim.
    assert (await signals(conn, seeker))[-1] == {
        "signal": "stop_decided",
        "arg": {"proposal_id": proposal_id, "reason": "refused_offers", "effective_date": proposal["event_date"]},
    }


async def test_threshold_is_the_policy_row_in_force(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    district = unique_district()
    await conn.execute(
        "INSERT INTO policy_parameters (name, area_code, effective_from, value, source)"
        " VALUES ('refusal_threshold', $1, $2, 3, '测试: 本区三次'), ('refusal_threshold', $1, $3, 1, '测试: 明日起一次')",
        district,
        TODAY - dt.timedelta(days=30),
        TODAY + dt.timedelta(days=1),
    )
    seeker = await new_seeker(client, district=district, **profile(preferred_districts=[]))
    for _ in range(2):
        vacancy = await new_vacancy(client, district=district)
        assert (await refuse(client, await refer(client, seeker, vacancy), good_reason=False)).json()["stop_proposal_id"] is None
    vacancy = await new_vacancy(client, district=district)
    assert (await refuse(client, await refer(client, seeker, vacancy), good_reason=False)).json()["stop_proposal_id"] is not None


async def test_hired_referral_records_the_placement_once(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client, **profile())
    vacancy = await new_vacancy(client, openings=1)
    referral = await refer(client, seeker, vacancy)
    body = {"outcome": "hired", "outcome_on": TODAY.isoformat(), "start_date": TODAY.isoformat()}
    first = await client.post(f"/referrals/{referral['id']}/outcome", json=body, headers=CM)
    retried = await client.post(f"/referrals/{referral['id']}/outcome", json=body, headers=CM)
    assert (first.status_code, retried.status_code) == (201, 200)
    placement = (await client.get(f"/job-seekers/{seeker['id']}/placement", headers=CM)).json()
    assert (placement["source"], placement["through_referral"], placement["referral_id"]) == ("referral", True, referral["id"])
    assert placement["employer_name"] == vacancy["employer_name"]
    assert first.json()["placement_id"] == placement["id"]
    assert await signals(conn, seeker) == [
        {"signal": "placement_recorded", "arg": {"placement_id": placement["id"], "start_date": TODAY.isoformat()}}
    ]
    assert (await client.get(f"/vacancies/{vacancy['id']}", headers=CM)).json()["filled"] == 1
    # The only opening is filled: no one else is referred to it.
    other = await new_seeker(client, **profile())
    full = await client.post("/referrals", json={"vacancy_id": vacancy["id"], "job_seeker_id": other["id"]}, headers=CM)
    assert (full.status_code, full.json()["code"]) == (409, "vacancy_not_open")


async def test_no_response_only_after_the_deadline(client: httpx.AsyncClient, clock: Clock) -> None:
    referral = await refer(client, await new_seeker(client, **profile()), await new_vacancy(client))
    url = f"/referrals/{referral['id']}/outcome"
    body = {"outcome": "no_response", "outcome_on": TODAY.isoformat()}
    early = await client.post(url, json=body, headers=CM)
    assert (early.status_code, early.json()["code"], early.json()["field"]) == (409, "response_deadline_not_passed", "outcome")
    clock.shift(days=8)
    late = await client.post(url, json=body, headers=CM)
    assert (late.status_code, late.json()["status"]) == (201, "no_response")


async def test_outcome_input_is_checked(client: httpx.AsyncClient) -> None:
    referral = await refer(client, await new_seeker(client, **profile()), await new_vacancy(client))
    url = f"/referrals/{referral['id']}/outcome"
    no_judgement = await client.post(
        url, json={"outcome": "refused", "outcome_on": TODAY.isoformat(), "refusal_reason": "路远"}, headers=CM
    )
    assert (no_judgement.status_code, no_judgement.json()["code"]) == (422, "good_reason_required")
    no_start = await client.post(url, json={"outcome": "hired", "outcome_on": TODAY.isoformat()}, headers=CM)
    assert (no_start.status_code, no_start.json()["code"]) == (422, "start_date_required")
    bad_wage = await client.post("/vacancies", json={**referral, "wage_min": "5000"}, headers=CM)
    assert bad_wage.status_code == 422
    other_point = await client.post(
        url, json={"outcome": "not_suitable", "outcome_on": TODAY.isoformat()}, headers=auth("service_point", "430103")
    )
    assert (other_point.status_code, other_point.json()["code"]) == (404, "referral_not_found")


async def test_vacancy_input_and_district(client: httpx.AsyncClient) -> None:
    from tests.services.employment.factories import vacancy_payload

    inverted = await client.post("/vacancies", json=vacancy_payload(wage_min="7000", wage_max="5000"), headers=CM)
    assert (inverted.status_code, inverted.json()["code"]) == (422, "wage_range_inverted")
    elsewhere = await client.post("/vacancies", json=vacancy_payload(district="430103"), headers=auth("service_point"))
    assert elsewhere.status_code == 403
    body = vacancy_payload()
    assert (await client.post("/vacancies", json=body, headers=CM)).status_code == 201
    assert (await client.post("/vacancies", json=body, headers=CM)).status_code == 200
    changed = await client.post("/vacancies", json={**body, "openings": 9}, headers=CM)
    assert (changed.status_code, changed.json()["code"]) == (409, "vacancy_exists")


async def test_sweep_marks_overdue_referrals_as_no_response(client: httpx.AsyncClient, clock: Clock, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client, **profile())
    overdue = await refer(client, seeker, await new_vacancy(client))
    clock.shift(days=8)
    recent = await refer(client, seeker, await new_vacancy(client))  # referred "today" + 8: not due yet
    swept = await client.post("/referrals/no-response-sweep", headers=auth("operations"))
    assert swept.status_code == 200
    assert overdue["id"] in swept.json()["referral_ids"] and recent["id"] not in swept.json()["referral_ids"]
    assert (await client.get(f"/referrals/{overdue['id']}", headers=CM)).json()["status"] == "no_response"
    assert (await client.get(f"/referrals/{recent['id']}", headers=CM)).json()["status"] == "pending"
    # No response is not a refusal: nothing is counted or sent.
    assert await signals(conn, seeker) == []
    assert (await client.post("/referrals/no-response-sweep", headers=CM)).status_code == 403
