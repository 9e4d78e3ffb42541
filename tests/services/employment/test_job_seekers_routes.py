"""Job seekers (求职登记) and placements (再就业), and the placement's signal to the journey."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.employment.factories import new_seeker, seeker_payload
from tests.services.employment.registrations import known_registration
from contracts.journey import claimant_journey_id


def placement(**overrides: Any) -> dict[str, Any]:
    body = {"employer_name": "长沙某科技有限公司", "start_date": china_today().isoformat()}
    body.update(overrides)
    return body


async def test_job_seeker_registers_once_per_registration(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    payload = seeker_payload()
    first = await client.post("/job-seekers", json=payload, headers=auth("system"))
    second = await client.post("/job-seekers", json=payload, headers=auth("system"))
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert await conn.fetchval(
        "SELECT count(*) FROM job_seekers WHERE registration_id = $1::uuid", payload["registration_id"]
    ) == 1


async def test_placement_closes_the_search_and_signals_the_journey_once(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker = await new_seeker(client)
    url = f"/job-seekers/{seeker['id']}/placements"
    headers = auth("service_point", "430102")
    first = await client.post(url, json=placement(), headers=headers)
    repeated = await client.post(url, json=placement(), headers=headers)

    assert (first.status_code, repeated.status_code) == (201, 200)
    assert first.json()["id"] == repeated.json()["id"]
    assert await conn.fetchval("SELECT status FROM job_seekers WHERE id = $1::uuid", seeker["id"]) == "placed"
    signals = await conn.fetch(
        "SELECT * FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"])
    )
    assert len(signals) == 1
    assert signals[0]["workflow_id"] == claimant_journey_id(seeker["registration_id"])
    assert signals[0]["payload"] == {
        "signal": "placement_recorded",
        "arg": {"placement_id": first.json()["id"], "start_date": china_today().isoformat()},
    }


async def test_a_second_different_placement_conflicts(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client)
    url = f"/job-seekers/{seeker['id']}/placements"
    assert (await client.post(url, json=placement(), headers=auth("case_manager"))).status_code == 201
    other = await client.post(url, json=placement(employer_name="另一家公司"), headers=auth("case_manager"))
    assert (other.status_code, other.json()["code"]) == (409, "placement_exists")
    assert await conn.fetchval("SELECT count(*) FROM placements WHERE job_seeker_id = $1::uuid", seeker["id"]) == 1


async def test_other_district_cannot_see_or_place(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    seeker = await new_seeker(client)
    headers = auth("service_point", "430103")
    seen = await client.get(f"/job-seekers/{seeker['id']}", headers=headers)
    placed = await client.post(f"/job-seekers/{seeker['id']}/placements", json=placement(), headers=headers)
    assert (seen.status_code, placed.status_code) == (404, 404)
    assert seen.json()["code"] == placed.json()["code"] == "job_seeker_not_found"
    assert await conn.fetchval("SELECT count(*) FROM placements WHERE job_seeker_id = $1::uuid", seeker["id"]) == 0


async def test_bad_placement_input_is_422_and_writes_nothing(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker = await new_seeker(client)
    far = (china_today() + dt.timedelta(days=90)).isoformat()
    response = await client.post(
        f"/job-seekers/{seeker['id']}/placements", json=placement(start_date=far), headers=auth("case_manager")
    )
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("start_date_too_far", "start_date")
    assert await conn.fetchval("SELECT count(*) FROM placements WHERE job_seeker_id = $1::uuid", seeker["id"]) == 0
    assert await conn.fetchval(
        "SELECT count(*) FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"])
    ) == 0


async def test_auditors_cannot_record_placements(client: httpx.AsyncClient) -> None:
    seeker = await new_seeker(client)
    response = await client.post(f"/job-seekers/{seeker['id']}/placements", json=placement(), headers=auth("auditor"))
    assert response.status_code == 403


async def test_a_job_seeker_registration_is_checked_against_the_registration_service(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """Issue 9: the body's registration and person are not trusted; the registration service
    answers for them, as the caller (a service point of another district sees a 404)."""
    invented = {"registration_id": str(uuid.uuid4()), "person_id": str(uuid.uuid4()), "district": "430102"}
    made_up = await client.post("/job-seekers", json=invented, headers=auth("system"))
    assert (made_up.status_code, made_up.json()["code"]) == (404, "registration_not_found")

    theirs = seeker_payload(district="430103")
    foreign = await client.post("/job-seekers", json=theirs, headers=auth("service_point", "430102"))
    assert foreign.status_code in (403, 404)
    elsewhere = await client.post(
        "/job-seekers", json=dict(theirs, district="430102"), headers=auth("service_point", "430102")
    )
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (404, "registration_not_found")

    someone_else = dict(seeker_payload(), person_id=str(uuid.uuid4()))
    mismatch = await client.post("/job-seekers", json=someone_else, headers=auth("system"))
    assert (mismatch.status_code, mismatch.json()["code"], mismatch.json()["field"]) == (
        422, "registration_mismatch", "person_id",
    )
    ended = seeker_payload()
    known_registration(ended["registration_id"], ended["person_id"], ended["district"], status="closed")
    closed = await client.post("/job-seekers", json=ended, headers=auth("system"))
    assert (closed.status_code, closed.json()["code"]) == (409, "registration_closed")
    written = await conn.fetchval(
        "SELECT count(*) FROM job_seekers WHERE registration_id = ANY($1::uuid[])",
        [invented["registration_id"], theirs["registration_id"], someone_else["registration_id"], ended["registration_id"]],
    )
    assert written == 0


async def test_the_registration_service_being_down_is_a_503_to_retry(conn: asyncpg.Connection) -> None:
    from services.employment.main import create_app
    from services.employment.settings import EmploymentSettings
    from tests.apps import api_client

    settings = EmploymentSettings(outbox_relay=False, registration_url="http://127.0.0.1:9")
    async with api_client(lambda: create_app(settings), conn) as down:
        response = await down.post("/job-seekers", json=seeker_payload(), headers=auth("system"))
    assert (response.status_code, response.json()["code"]) == (503, "registration_service_unavailable")
