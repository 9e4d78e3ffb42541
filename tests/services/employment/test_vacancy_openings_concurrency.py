"""A vacancy's openings hold under truly concurrent hires: each request on its own pooled
connection against committed rows; only the vacancy row lock keeps the count exact."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import httpx

from shared.clock import china_today
from services.employment.main import create_app
from services.employment.settings import EmploymentSettings
from shared import db
from tests.conftest import database_url
from tests.factories import auth
from contracts.journey import claimant_journey_id

OPENINGS = 2
HIRES = 6


async def test_concurrent_hires_never_exceed_the_openings(migrated: None) -> None:
    setup = await db.connect(database_url("employment"))
    vacancy_id = uuid.uuid4()
    seekers = [(uuid.uuid4(), uuid.uuid4()) for _ in range(HIRES)]  # (job seeker, registration)
    referral_ids = [uuid.uuid4() for _ in range(HIRES)]
    today = china_today()
    try:
        policy_id = await setup.fetchval(
            "SELECT id FROM policy_parameters WHERE name = 'referral_response_days' AND area_code = '430000' LIMIT 1"
        )
        await setup.execute(
            "INSERT INTO vacancies (id, employer_name, posting_ref, occupation, district, wage_min, wage_max,"
            " openings, created_by) VALUES ($1, '并发测试公司', $2, '电工', '430102', 4000, 5000, $3, 'test')",
            vacancy_id,
            str(vacancy_id),
            OPENINGS,
        )
        await setup.executemany(
            "INSERT INTO job_seekers (id, registration_id, person_id, district, created_by, registered_on)"
            " VALUES ($1, $2, $3, '430102', 'test', $4)",
            [(s, r, uuid.uuid4(), today) for s, r in seekers],
        )
        await setup.executemany(
            "INSERT INTO referrals (id, vacancy_id, job_seeker_id, match_score, match_reasons, referred_on,"
            " response_due_on, response_policy_id, created_by) VALUES ($1, $2, $3, 40, '[]', $4, $4, $5, 'test')",
            [(ref, vacancy_id, s, today, policy_id) for ref, (s, _) in zip(referral_ids, seekers)],
        )

        app = create_app(EmploymentSettings(outbox_relay=False, pool_min_size=HIRES, pool_max_size=HIRES))
        body = {"outcome": "hired", "outcome_on": today.isoformat(), "start_date": today.isoformat()}
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                responses = await asyncio.gather(
                    *(
                        client.post(f"/referrals/{ref}/outcome", json=body, headers=auth("case_manager"))
                        for ref in referral_ids
                    )
                )

        outcomes = Counter((r.status_code, r.json().get("code")) for r in responses)
        assert outcomes == {(201, None): OPENINGS, (409, "vacancy_filled"): HIRES - OPENINGS}
        assert await setup.fetchval(
            "SELECT count(*) FROM referrals WHERE vacancy_id = $1 AND status = 'hired'", vacancy_id
        ) == OPENINGS
        assert await setup.fetchval(
            "SELECT count(*) FROM placements WHERE job_seeker_id = ANY($1::uuid[])", [s for s, _ in seekers]
        ) == OPENINGS
    finally:
        seeker_ids = [s for s, _ in seekers]
        await setup.execute(
            "DELETE FROM outbox WHERE workflow_id = ANY($1::text[])", [claimant_journey_id(r) for _, r in seekers]
        )
        await setup.execute("DELETE FROM placements WHERE job_seeker_id = ANY($1::uuid[])", seeker_ids)
        await setup.execute("DELETE FROM referrals WHERE vacancy_id = $1", vacancy_id)
        await setup.execute("DELETE FROM vacancies WHERE id = $1", vacancy_id)
        await setup.execute("DELETE FROM job_seekers WHERE id = ANY($1::uuid[])", seeker_ids)
        await setup.close()
