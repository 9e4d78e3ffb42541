"""职业指导: sessions, attended / missed with guidance and an action plan; a person on benefit is
offered a first session within the policy's days ('first_guidance_days', sample 15)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import httpx

from shared.clock import china_today, utc_now
from tests.factories import auth
from tests.clock import TestClock as Clock
from tests.services.employment.factories import new_seeker, unique_district

CHINA = ZoneInfo("Asia/Shanghai")
CM = auth("case_manager")


def at(days: int) -> str:
    return (utc_now().astimezone(CHINA) + dt.timedelta(days=days)).replace(microsecond=0).isoformat()


async def test_first_session_for_a_person_on_benefit_is_due_within_the_policy_days(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    district = unique_district()
    seeker = await new_seeker(client, district=district)  # by the journey: on benefit
    point = auth("service_point", district)
    due = (await client.get("/guidance/first-offers-due", headers=point)).json()
    today = utc_now().astimezone(CHINA).date()
    assert due == [
        {
            "job_seeker_id": seeker["id"],
            "district": district,
            "registered_on": today.isoformat(),
            "due_on": (today + dt.timedelta(days=15)).isoformat(),
            "overdue": False,
        }
    ]
    url = f"/job-seekers/{seeker['id']}/guidance-sessions"
    too_late = await client.post(url, json={"scheduled_at": at(20), "counsellor": "王老师"}, headers=point)
    assert (too_late.status_code, too_late.json()["code"], too_late.json()["field"]) == (
        422,
        "first_session_too_late",
        "scheduled_at",
    )
    clock.shift(days=16)
    assert (await client.get("/guidance/first-offers-due", headers=point)).json()[0]["overdue"] is True
    # Once overdue, the session is still offered (the sooner the better) and marked late.
    late = await client.post(url, json={"scheduled_at": at(20), "counsellor": "王老师"}, headers=point)
    assert late.status_code == 201, late.text
    assert (late.json()["offered_in_time"], late.json()["first_offer_due_on"]) == (False, (today + dt.timedelta(days=15)).isoformat())
    assert (await client.get("/guidance/first-offers-due", headers=point)).json() == []


async def test_session_outcome_with_an_action_plan(client: httpx.AsyncClient, clock: Clock) -> None:
    seeker = await new_seeker(client)
    scheduled = await client.post(
        f"/job-seekers/{seeker['id']}/guidance-sessions", json={"scheduled_at": at(3), "counsellor": "王老师"}, headers=CM
    )
    assert (scheduled.status_code, scheduled.json()["offered_in_time"]) == (201, True)
    session = scheduled.json()
    url = f"/guidance-sessions/{session['id']}/outcome"
    plan = {
        "attended": True,
        "guidance": "梳理电工技能, 建议考取四级证书",
        "goals": [{"goal": "报名电工四级培训", "due_on": (china_today() + dt.timedelta(days=30)).isoformat()}],
    }
    early = await client.post(url, json=plan, headers=CM)
    assert (early.status_code, early.json()["code"]) == (409, "session_not_held_yet")
    clock.shift(days=4)
    no_plan = await client.post(url, json={"attended": True, "guidance": "谈话"}, headers=CM)
    assert (no_plan.status_code, no_plan.json()["code"]) == (422, "action_plan_required")
    first = await client.post(url, json=plan, headers=CM)
    again = await client.post(url, json=plan, headers=CM)
    missed = await client.post(url, json={"attended": False}, headers=CM)
    assert (first.status_code, again.status_code, missed.status_code) == (201, 200, 409)
    assert first.json()["status"] == "attended"
    assert first.json()["action_plan"][0]["goal"] == "报名电工四级培训"
    listed = await client.get(f"/job-seekers/{seeker['id']}/guidance-sessions", headers=auth("auditor"))
    assert [s["status"] for s in listed.json()] == ["attended"]


async def test_a_missed_session_and_district_scope(client: httpx.AsyncClient, clock: Clock) -> None:
    seeker = await new_seeker(client, "service_point")  # registered at the desk: no first-offer deadline
    session = (
        await client.post(
            f"/job-seekers/{seeker['id']}/guidance-sessions",
            json={"scheduled_at": at(40), "counsellor": "李老师"},
            headers=auth("service_point"),
        )
    ).json()
    assert session["first_offer_due_on"] is None
    clock.shift(days=41)
    other = await client.post(
        f"/guidance-sessions/{session['id']}/outcome", json={"attended": False}, headers=auth("service_point", "430103")
    )
    assert (other.status_code, other.json()["code"]) == (404, "guidance_session_not_found")
    missed = await client.post(f"/guidance-sessions/{session['id']}/outcome", json={"attended": False}, headers=CM)
    assert missed.json()["status"] == "missed"
    naive = await client.post(
        f"/job-seekers/{seeker['id']}/guidance-sessions", json={"scheduled_at": "2026-12-01T09:00:00", "counsellor": "李老师"}, headers=CM
    )
    assert (naive.status_code, naive.json()["code"]) == (422, "scheduled_at_without_time_zone")
