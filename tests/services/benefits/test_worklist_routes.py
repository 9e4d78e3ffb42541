"""The console's benefits worklists (issue 11): overpayments across claims (R-FRAUD-1: proposed
ones await a case manager) and the benefit months withheld for a missing job-search report
(R-MON-1). District-scoped as GET /claims: a service point sees its own district's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from shared.clock import china_today
from tests.clock import TestClock
from tests.factories import auth
from tests.four_eyes import approve_as_second
from tests.services.benefits.factories import ACCOUNT, approved_claim, computed_claim, pay_months
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds

FINANCE = auth("finance")
CM = auth("case_manager")


async def overpaid_claim(client: httpx.AsyncClient, district: str = "430102") -> dict[str, Any]:
    """Benefit months 1 = 2025-01-10…, 2 = 02-10…, 3 = 03-10…; months 1–3 paid out in the
    2025-03 run, then a stop on 2025-02-24: months 2 (half) and 3 are overpaid (R-STOP-1)."""
    claim = await computed_claim(
        client, district=district, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    account = await client.post(f"/claims/{claim['id']}/bank-accounts", json=ACCOUNT, headers=CM)
    assert account.status_code == 201, account.text
    await pay_months(client, claim["id"], 1, 2, 3)
    run = await run_releasing_holds(client, "2025-03")
    assert run.status_code == 201, run.text
    stop = {"reason": "re_employment", "effective_date": "2025-02-24", "evidence_ref": "placement-9"}
    stopped = await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=CM))
    assert stopped.status_code == 200, stopped.text
    return stopped.json()


async def overpayments(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/overpayments", params={"limit": 200, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_overpayments_across_claims_by_status_and_district(client: httpx.AsyncClient) -> None:
    here = await overpaid_claim(client, "430102")
    there = await overpaid_claim(client, "430103")
    per_claim = (await client.get(f"/claims/{here['id']}/overpayments", headers=CM)).json()

    proposed = [o for o in await overpayments(client, CM, status="proposed") if o["claim_id"] in (here["id"], there["id"])]
    assert {(o["claim_id"], o["benefit_month"], o["kind"]) for o in proposed} == {
        (claim["id"], month, "benefit") for claim in (here, there) for month in (2, 3)
    }
    mine = [o for o in proposed if o["claim_id"] == here["id"]]
    assert mine == [
        o | {
            "district": "430102",
            "registration_id": here["registration_id"],
            "stop_reason": "re_employment",
            "stop_effective_date": "2025-02-24",
        }
        for o in per_claim
    ]
    # Decided: no longer proposed, listed under its new status.
    decided = await approve_as_second(client, await client.post(
        f"/claims/{here['id']}/overpayments/{mine[0]['id']}/decision", json={"outcome": "waive", "note": "核实无误"}, headers=CM
    ))
    assert decided.status_code == 200, decided.text
    assert mine[0]["id"] not in {o["id"] for o in await overpayments(client, CM, status="proposed")}
    assert mine[0]["id"] in {o["id"] for o in await overpayments(client, auth("auditor"), status="waived")}

    # A service point sees its own district's only, whatever district it asks for.
    point = await overpayments(client, auth("service_point", "430103"), district="430102")
    assert point and {o["district"] for o in point} == {"430103"}
    assert there["id"] in {o["claim_id"] for o in point}
    filtered = await overpayments(client, FINANCE, district="430103")
    assert {o["district"] for o in filtered} == {"430103"}


async def test_overpayments_paging_and_bad_filters(client: httpx.AsyncClient) -> None:
    await overpaid_claim(client)
    first = await overpayments(client, CM, limit=1)
    second = await overpayments(client, CM, limit=1, offset=1)
    assert len(first) == len(second) == 1 and first[0]["id"] != second[0]["id"]
    for params, field in (({"status": "pending"}, "status"), ({"district": "4301"}, "district"), ({"limit": 0}, "limit")):
        response = await client.get("/overpayments", params=params, headers=CM)
        assert (response.status_code, response.json()["field"]) == (422, field), params


async def withheld(client: httpx.AsyncClient, headers: dict[str, str] = CM, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/payments/withheld", params={"limit": 200, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def of_claim(rows: list[dict[str, Any]], claim: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in rows if r["claim_id"] == claim["id"]]


async def test_a_begun_unpaid_month_is_withheld_for_the_report(client: httpx.AsyncClient) -> None:
    """Benefit from 2025-01-31: month 2 begins 2025-02-28 (clamped at the month's end, as the
    journey counts), month 3 on 2025-03-31. Month 1 paid, month 2 not: withheld since it began,
    waiting for January's report (the month in which month 1 began)."""
    claim = await approved_claim(
        client, months=3, registration_date="2025-01-31", separation_date="2025-01-20", claim_date="2025-01-31"
    )
    assert of_claim(await withheld(client), claim) == []  # nothing paid yet: month 1 is not withheld for a report
    await pay_months(client, claim["id"], 1)
    assert of_claim(await withheld(client), claim) == [
        {
            "claim_id": claim["id"],
            "registration_id": claim["registration_id"],
            "district": "430102",
            "benefit_month": 2,
            "period_start": "2025-02-28",
            "reason": "job_search_report_missing",
            "rule": "R-MON-1",
            "missing_report_month": "2025-01",
            "since": "2025-02-28",
        }
    ]
    await pay_months(client, claim["id"], 2)
    month_3 = of_claim(await withheld(client), claim)
    assert [(r["benefit_month"], r["period_start"], r["missing_report_month"]) for r in month_3] == [
        (3, "2025-03-31", "2025-02")
    ]
    await pay_months(client, claim["id"], 3)
    assert of_claim(await withheld(client), claim) == []  # the entitlement is paid out


async def test_a_month_not_begun_by_the_clock_is_not_withheld(client: httpx.AsyncClient, clock: TestClock) -> None:
    today = china_today()
    claim = await approved_claim(
        client,
        months=6,
        registration_date=(today - dt.timedelta(days=5)).isoformat(),
        separation_date=(today - dt.timedelta(days=20)).isoformat(),
    )
    await pay_months(client, claim["id"], 1)
    assert of_claim(await withheld(client), claim) == []
    clock.shift(days=40)  # month 2 begins one month after the registration: 23–26 days from today
    assert [r["benefit_month"] for r in of_claim(await withheld(client), claim)] == [2]


async def test_withheld_months_are_district_scoped_and_stopped_claims_left_out(client: httpx.AsyncClient) -> None:
    dates = {"registration_date": "2025-01-10", "separation_date": "2025-01-05", "claim_date": "2025-01-10"}
    here = await approved_claim(client, months=6, district="430102", **dates)
    there = await approved_claim(client, months=6, district="430103", **dates)
    stopped = await approved_claim(client, months=6, district="430102", **dates)
    for claim in (here, there, stopped):
        await pay_months(client, claim["id"], 1)
    stop = {"reason": "re_employment", "effective_date": "2025-02-01", "evidence_ref": "placement-1"}
    assert (await approve_as_second(client, await client.post(f"/claims/{stopped['id']}/stop", json=stop, headers=CM))).status_code == 200

    everyone = await withheld(client, FINANCE)
    point = await withheld(client, auth("service_point", "430103"), district="430102")
    assert of_claim(everyone, here) and of_claim(everyone, there) and not of_claim(everyone, stopped)
    assert point and {r["district"] for r in point} == {"430103"} and of_claim(point, there)
    assert {r["district"] for r in await withheld(client, auth("auditor"), district="430102")} == {"430102"}
    bad = await client.get("/payments/withheld", params={"district": "x"}, headers=CM)
    assert (bad.status_code, bad.json()["field"]) == (422, "district")
