"""Pre-expiry notice (R-STOP-2): one month before the last benefit month, once per claim."""

from __future__ import annotations

import httpx

from tests.factories import auth
from tests.services.benefits.factories import computed_claim


async def test_a_notice_one_month_before_the_last_benefit_month(client: httpx.AsyncClient) -> None:
    # 36 months of contributions → 12 benefit months from 2025-01-10: the last starts 2025-12-10.
    claim = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    url = f"/claims/{claim['id']}/notices"

    early = await client.post("/notices/pre-expiry-runs", json={"as_of": "2025-11-09"}, headers=auth("operations"))
    assert early.status_code == 200
    assert (await client.get(url, headers=auth("case_manager"))).json() == []

    due = await client.post("/notices/pre-expiry-runs", json={"as_of": "2025-11-10"}, headers=auth("system"))
    again = await client.post("/notices/pre-expiry-runs", json={"as_of": "2025-11-20"}, headers=auth("system"))
    notices = (await client.get(url, headers=auth("case_manager"))).json()

    assert due.json()["created"] >= 1
    assert [(n["kind"], n["last_benefit_month"], n["last_month_start"], n["notify_on"]) for n in notices] == [
        ("pre_expiry", 12, "2025-12-10", "2025-11-10")
    ]
    assert again.status_code == 200 and len(notices) == 1


async def test_a_stopped_claim_gets_no_notice(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10")
    stop = {"reason": "re_employment", "effective_date": "2025-03-01", "evidence_ref": "p-1"}
    await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=auth("system"))
    await client.post("/notices/pre-expiry-runs", json={"as_of": "2025-11-15"}, headers=auth("operations"))
    assert (await client.get(f"/claims/{claim['id']}/notices", headers=auth("auditor"))).json() == []


async def test_only_operations_and_the_worker_run_notices(client: httpx.AsyncClient) -> None:
    response = await client.post("/notices/pre-expiry-runs", json={}, headers=auth("case_manager"))
    assert response.status_code == 403
