"""Factories for tests whose payroll runs pay first payments to brand-new accounts: R-HOLD-1 holds
those (the first payment to an account is a hold reason), so such a test runs payroll once,
releases that run's holds through the API as a case manager would, and runs again. No tests here."""

from __future__ import annotations

import httpx

from tests.factories import auth

FINANCE, MANAGER = auth("finance"), auth("case_manager")


async def release_holds_of(client: httpx.AsyncClient, run_id: int) -> int:
    """Release every instruction the run held (R-HOLD-1); how many."""
    listed = await client.get(f"/payment-holds?status=held&held_in_run={run_id}&limit=200", headers=MANAGER)
    assert listed.status_code == 200, listed.text
    for hold in listed.json():
        released = await client.post(
            f"/payment-holds/{hold['id']}/release", json={"reason": "测试: 已核实新账户"}, headers=MANAGER
        )
        assert released.status_code == 200, released.text
    return len(listed.json())


async def run_releasing_holds(client: httpx.AsyncClient, period: str, city: str = "430100") -> httpx.Response:
    """POST /payroll-runs; when the run held instructions, release them and answer the next run,
    which pays them."""
    response = await client.post("/payroll-runs", json={"period": period, "city": city}, headers=FINANCE)
    if response.status_code == 201 and await release_holds_of(client, response.json()["id"]):
        response = await client.post("/payroll-runs", json={"period": period, "city": city}, headers=FINANCE)
    return response
