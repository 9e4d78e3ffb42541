"""Enrolment capacity under truly concurrent requests: each request runs on its own pooled
connection against committed rows (no shared test transaction), so only the course row lock
stands between twelve people and a course with three seats."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import Counter

import httpx

from shared.clock import china_today
from services.employment.main import create_app
from services.employment.settings import EmploymentSettings
from shared import db
from tests.conftest import database_url
from tests.factories import auth

CAPACITY = 3
APPLICANTS = 12


async def test_concurrent_enrolments_never_exceed_capacity(migrated: None) -> None:
    setup = await db.connect(database_url("employment"))
    provider_id, course_id = uuid.uuid4(), uuid.uuid4()
    seeker_ids = [uuid.uuid4() for _ in range(APPLICANTS)]
    today = china_today()
    try:
        await setup.execute(
            "INSERT INTO training_providers (id, name, district, created_by) VALUES ($1, $2, '430102', 'test')",
            provider_id,
            f"并发测试培训学校{provider_id}",
        )
        await setup.execute(
            "INSERT INTO courses (id, provider_id, code, title, occupation, capacity, start_date, end_date,"
            " cost, created_by) VALUES ($1, $2, 'CONCURRENT', '并发测试班', '电工', $3, $4, $5, 0, 'test')",
            course_id,
            provider_id,
            CAPACITY,
            today,
            today + dt.timedelta(days=30),
        )
        await setup.executemany(
            "INSERT INTO job_seekers (id, registration_id, person_id, district, created_by, registered_on)"
            " VALUES ($1, $2, $3, '430102', 'test', $4)",
            [(s, uuid.uuid4(), uuid.uuid4(), today) for s in seeker_ids],
        )

        settings = EmploymentSettings(outbox_relay=False, pool_min_size=APPLICANTS, pool_max_size=APPLICANTS)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                responses = await asyncio.gather(
                    *(
                        client.post(
                            f"/courses/{course_id}/enrolments",
                            json={"job_seeker_id": str(s)},
                            headers=auth("case_manager"),
                        )
                        for s in seeker_ids
                    )
                )

        outcomes = Counter((r.status_code, r.json().get("code")) for r in responses)
        assert outcomes == {(201, None): CAPACITY, (409, "course_full"): APPLICANTS - CAPACITY}
        assert await setup.fetchval("SELECT count(*) FROM enrolments WHERE course_id = $1", course_id) == CAPACITY
    finally:
        await setup.execute("DELETE FROM enrolments WHERE course_id = $1", course_id)
        await setup.execute("DELETE FROM courses WHERE id = $1", course_id)
        await setup.execute("DELETE FROM training_providers WHERE id = $1", provider_id)
        await setup.execute("DELETE FROM job_seekers WHERE id = ANY($1::uuid[])", seeker_ids)
        await setup.close()
