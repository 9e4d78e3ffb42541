"""Retried and concurrent requests on separate connections (committed rows, cleaned up after):
the same registration submitted five times at once is one employer; the same enrolment five
times at once is one employment (the unique constraints decide, not a check-then-insert)."""

from __future__ import annotations

import asyncio
import uuid

import httpx


from services.registration.main import create_app
from services.registration.settings import RegistrationSettings
from shared import db
from tests.conftest import database_url
from tests.factories import auth, id_number
from tests.services.registration.factories import employer_payload

TIMES = 5


async def _cleanup(employer_id: str | None, person_number: str) -> None:
    conn = await db.connect(database_url("registration"))
    try:
        async with conn.transaction():
            if employer_id is not None:
                employment_ids = [
                    str(r["id"]) for r in await conn.fetch("SELECT id FROM employments WHERE employer_id = $1", employer_id)
                ]
                await conn.execute(
                    "DELETE FROM audit_log WHERE entity_id = ANY($1::text[])", [employer_id, *employment_ids]
                )
                await conn.execute(
                    "DELETE FROM audit_log WHERE entity_type = 'certificate' AND after->>'employer_id' = $1", employer_id
                )
                await conn.execute("DELETE FROM employments WHERE employer_id = $1", employer_id)
                await conn.execute("DELETE FROM employer_certificates WHERE employer_id = $1", employer_id)
                await conn.execute("DELETE FROM employer_application_staff WHERE employer_id = $1", employer_id)
                await conn.execute("DELETE FROM outbox WHERE workflow_id = $1", f"employer-review-{employer_id}")
                await conn.execute("DELETE FROM employers WHERE id = $1", employer_id)
            await conn.execute("DELETE FROM persons WHERE id_number = $1", person_number)
    finally:
        await conn.close()


async def test_concurrent_identical_submissions_and_enrolments(calendar_years_known: None) -> None:
    settings = RegistrationSettings(outbox_relay=False, pool_min_size=TIMES, pool_max_size=TIMES)
    app = create_app(settings)
    payload = employer_payload(staff=[])
    person = {"id_number": id_number(), "name": "郑十一", "hired_on": payload["founded_on"]}
    employer_id = None
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                submitted = await asyncio.gather(
                    *(client.post("/employers", json=payload, headers=auth("service_point", "430102")) for _ in range(TIMES))
                )
                employer_id = next((r.json()["id"] for r in submitted if r.status_code == 201), None)
                assert sorted(r.status_code for r in submitted) == [200] * (TIMES - 1) + [201]
                assert {r.json()["id"] for r in submitted} == {employer_id}

                assert (await client.post(f"/employers/{employer_id}/acceptance", headers=auth("case_manager"))).status_code == 200
                approved = await client.post(
                    f"/employers/{employer_id}/decision", json={"approved": True}, headers=auth("case_manager")
                )
                assert approved.status_code == 201, approved.text

                enrolled = await asyncio.gather(
                    *(client.post(f"/employers/{employer_id}/employments", json=person, headers=auth("case_manager"))
                      for _ in range(TIMES))
                )
                assert sorted(r.status_code for r in enrolled) == [200] * (TIMES - 1) + [201]
                assert len({r.json()["id"] for r in enrolled}) == 1

        conn = await db.connect(database_url("registration"))
        try:
            assert await conn.fetchval("SELECT count(*) FROM employers WHERE uscc = $1", payload["uscc"]) == 1
            assert await conn.fetchval("SELECT count(*) FROM employments WHERE employer_id = $1", uuid.UUID(employer_id)) == 1
        finally:
            await conn.close()
    finally:
        await _cleanup(employer_id, person["id_number"])
