"""Placements found later in contribution records: recorded with their source and evidence, sent
to the journey once even when the request is retried."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.employment.factories import new_seeker
from contracts.journey import claimant_journey_id


async def test_hire_found_in_contribution_records_is_recorded_with_its_source(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker = await new_seeker(client)
    start = china_today() - dt.timedelta(days=40)
    body = {
        "person_id": seeker["person_id"],
        "employer_id": str(uuid.uuid4()),
        "employer_name": "湖南某物流有限公司",
        "start_date": start.isoformat(),
        "evidence_ref": "contribution-record:2026-10:0001",
    }
    first = await client.post("/placements/from-contribution-records", json=body, headers=auth("system"))
    retried = await client.post("/placements/from-contribution-records", json=body, headers=auth("system"))
    assert (first.status_code, retried.status_code) == (201, 200)
    assert [p["id"] for p in first.json()] == [p["id"] for p in retried.json()]
    placement = first.json()[0]
    assert (placement["source"], placement["evidence_ref"], placement["through_referral"]) == (
        "contribution_records",
        "contribution-record:2026-10:0001",
        False,
    )
    assert (await client.get(f"/job-seekers/{seeker['id']}", headers=auth("auditor"))).json()["status"] == "placed"
    payloads = [
        r["payload"]
        for r in await conn.fetch(
            "SELECT payload FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"])
        )
    ]
    assert payloads == [{"signal": "placement_recorded", "arg": {"placement_id": placement["id"], "start_date": start.isoformat()}}]


async def test_unknown_person_or_wrong_role(client: httpx.AsyncClient) -> None:
    body = {
        "person_id": str(uuid.uuid4()),
        "employer_id": str(uuid.uuid4()),
        "employer_name": "某公司",
        "start_date": china_today().isoformat(),
        "evidence_ref": "x",
    }
    missing = await client.post("/placements/from-contribution-records", json=body, headers=auth("case_manager"))
    assert (missing.status_code, missing.json()["code"]) == (404, "job_seeker_not_found")
    forbidden = await client.post("/placements/from-contribution-records", json=body, headers=auth("service_point"))
    assert forbidden.status_code == 403


async def test_desk_placement_of_a_withdrawn_job_seeker_is_refused(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client)
    today = china_today().isoformat()
    await client.post(
        f"/job-seekers/{seeker['id']}/withdrawal", json={"reason": "moved_away", "withdrawn_on": today}, headers=auth("case_manager")
    )
    response = await client.post(
        f"/job-seekers/{seeker['id']}/placements",
        json={"employer_name": "某公司", "start_date": today},
        headers=auth("case_manager"),
    )
    assert (response.status_code, response.json()["code"]) == (409, "job_seeker_not_active")


async def test_person_already_placed_at_the_desk_is_a_conflict_not_a_second_placement(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker = await new_seeker(client)
    today = china_today().isoformat()
    desk = await client.post(
        f"/job-seekers/{seeker['id']}/placements", json={"employer_name": "某公司", "start_date": today}, headers=auth("case_manager")
    )
    assert desk.status_code == 201
    found = await client.post(
        "/placements/from-contribution-records",
        json={
            "person_id": seeker["person_id"],
            "employer_id": str(uuid.uuid4()),
            "employer_name": "某公司",
            "start_date": today,
            "evidence_ref": "contribution-record:x",
        },
        headers=auth("system"),
    )
    assert (found.status_code, found.json()["code"], found.json()["field"]) == (409, "no_active_job_seeker", "person_id")
    assert await conn.fetchval("SELECT count(*) FROM placements WHERE job_seeker_id = $1::uuid", seeker["id"]) == 1
