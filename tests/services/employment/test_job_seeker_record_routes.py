"""GET /job-seekers/{id}/record, the console's one-call read of a job seeker's record (issue 11):
the job seeker, guidance sessions, enrolments, referrals, the placement (null where
GET …/placement is 404) and the job-search reports (R-MON-1), each exactly as its own endpoint
answers it, with the same district and role checks, read in one read-only REPEATABLE READ
transaction."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
import pytest

from shared.clock import CHINA_TZ
from tests.clock import TestClock
from tests.factories import auth
from tests.services.employment.factories import new_course, new_seeker, new_vacancy, profile

CM = auth("case_manager")
READERS = ["service_point", "case_manager", "operations", "auditor", "system"]
PARTS = {
    "job_seeker": "",
    "guidance_sessions": "/guidance-sessions",
    "enrolments": "/enrolments",
    "referrals": "/referrals",
    "placement": "/placement",
    "job_search_reports": "/job-search-reports",
}
REPORT = {"channel": "service_point", "applications_made": 3, "interviews": 1, "guidance_attended": True}


async def post(client: httpx.AsyncClient, url: str, body: dict, headers: dict[str, str] = CM) -> dict:
    response = await client.post(url, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def seeker_with_every_part(client: httpx.AsyncClient, clock: TestClock) -> dict:
    """A guidance session, an enrolment, a job-search report, and a referral ending in a hire
    (which records the placement, so it comes last: a placed job seeker takes no more services)."""
    seeker = await new_seeker(client, **profile())
    base = f"/job-seekers/{seeker['id']}"
    in_three_days = (clock.instant().astimezone(CHINA_TZ) + dt.timedelta(days=3)).replace(microsecond=0)
    await post(client, f"{base}/guidance-sessions", {"scheduled_at": in_three_days.isoformat(), "counsellor": "王老师"})
    await post(client, f"/courses/{(await new_course(client))['id']}/enrolments", {"job_seeker_id": seeker["id"]})
    await post(client, f"{base}/job-search-reports", REPORT, auth("service_point", "430102"))
    referral = await post(client, "/referrals", {"vacancy_id": (await new_vacancy(client))["id"], "job_seeker_id": seeker["id"]})
    today = clock.today().isoformat()
    await post(client, f"/referrals/{referral['id']}/outcome", {"outcome": "hired", "outcome_on": today, "start_date": today})
    return seeker


async def separate_reads(client: httpx.AsyncClient, seeker_id: str, headers: dict[str, str]) -> dict[str, httpx.Response]:
    return {name: await client.get(f"/job-seekers/{seeker_id}{path}", headers=headers) for name, path in PARTS.items()}


@pytest.mark.parametrize("role", READERS)
async def test_the_record_is_what_the_six_endpoints_answer(
    client: httpx.AsyncClient, clock: TestClock, role: str
) -> None:
    clock.at = clock.instant()  # one instant for every request
    seeker = await seeker_with_every_part(client, clock)
    headers = auth(role, "430102") if role == "service_point" else auth(role)

    record = await client.get(f"/job-seekers/{seeker['id']}/record", headers=headers)
    parts = await separate_reads(client, seeker["id"], headers)

    assert record.status_code == 200, record.text
    assert all(p.status_code == 200 for p in parts.values()), {n: p.text for n, p in parts.items()}
    assert record.json() == {name: answer.json() for name, answer in parts.items()}
    # Not vacuous: one of each, and the hire's placement through the referral.
    body = record.json()
    assert [len(body[name]) for name in ("guidance_sessions", "enrolments", "referrals", "job_search_reports")] == [1] * 4
    assert (body["job_seeker"]["status"], body["referrals"][0]["status"]) == ("placed", "hired")
    assert body["placement"]["referral_id"] == body["referrals"][0]["id"]


async def test_no_placement_is_null_where_the_placement_endpoint_is_404(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client)
    placement = await client.get(f"/job-seekers/{seeker['id']}/placement", headers=CM)
    record = await client.get(f"/job-seekers/{seeker['id']}/record", headers=CM)
    assert (placement.status_code, placement.json()["code"]) == (404, "placement_not_found")
    assert record.status_code == 200, record.text
    assert record.json()["placement"] is None
    assert record.json()["job_seeker"] == (await client.get(f"/job-seekers/{seeker['id']}", headers=CM)).json()
    assert [record.json()[n] for n in ("guidance_sessions", "enrolments", "referrals", "job_search_reports")] == [[]] * 4


@pytest.mark.parametrize("seeker_in", ["another_district", "unknown"])
async def test_another_districts_service_point_gets_the_same_404(
    client: httpx.AsyncClient, clock: TestClock, seeker_in: str
) -> None:
    seeker_id = (await seeker_with_every_part(client, clock))["id"] if seeker_in == "another_district" else str(uuid.uuid4())
    elsewhere = auth("service_point", "430103")
    single = await client.get(f"/job-seekers/{seeker_id}", headers=elsewhere)
    record = await client.get(f"/job-seekers/{seeker_id}/record", headers=elsewhere)
    assert (record.status_code, record.json()) == (single.status_code, single.json())
    assert (record.status_code, record.json()["code"], record.json()["field"]) == (404, "job_seeker_not_found", "job_seeker_id")


async def test_a_role_the_parts_refuse_is_refused(client: httpx.AsyncClient, clock: TestClock) -> None:
    """Finance reads none of the six parts (services.employment.auth.READERS): 403 as each of them."""
    seeker = await seeker_with_every_part(client, clock)
    finance = auth("finance")
    record = await client.get(f"/job-seekers/{seeker['id']}/record", headers=finance)
    assert (record.status_code, record.json()["code"]) == (403, "forbidden")
    for name, part in (await separate_reads(client, seeker["id"], finance)).items():
        assert (part.status_code, part.json()) == (record.status_code, record.json()), name
    assert (await client.get(f"/job-seekers/{seeker['id']}/record")).status_code == 401

