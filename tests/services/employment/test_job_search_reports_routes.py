"""R-MON-1: the monthly job-search report is recorded for the right calendar month in China time
(UTC+8) at a month boundary, once per person and month, and reaches the journey once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import asyncpg
import httpx

from shared.clock import utc_now
from tests.factories import auth
from tests.clock import TestClock as Clock
from tests.services.employment.factories import new_seeker
from contracts.journey import claimant_journey_id

CHINA = ZoneInfo("Asia/Shanghai")
BODY = {"channel": "service_point", "applications_made": 3, "interviews": 1, "guidance_attended": True}


def next_china_month_start() -> dt.datetime:
    """Midnight (China time) that begins next month, as an aware datetime."""
    today = utc_now().astimezone(CHINA).date()
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return dt.datetime.combine(first, dt.time(), tzinfo=CHINA)


async def test_report_month_is_the_china_month_at_the_boundary(
    client: httpx.AsyncClient, conn: asyncpg.Connection, clock: Clock
) -> None:
    boundary = next_china_month_start()
    # 00:30 in Changsha is still the previous day (16:30) in UTC: the report is for the new month.
    clock.at = (boundary + dt.timedelta(minutes=30)).astimezone(dt.UTC)
    late_seeker = await new_seeker(client)
    url = f"/job-seekers/{late_seeker['id']}/job-search-reports"
    after = await client.post(url, json=BODY, headers=auth("service_point"))
    assert after.status_code == 201, after.text
    assert (after.json()["report_month"], after.json()["reported_on"]) == (f"{boundary:%Y-%m}", f"{boundary:%Y-%m-%d}")
    assert clock.at.date() < boundary.date()  # the UTC date is still last month's

    clock.at = (boundary - dt.timedelta(seconds=1)).astimezone(dt.UTC)
    early_seeker = await new_seeker(client)
    before = await client.post(f"/job-seekers/{early_seeker['id']}/job-search-reports", json=BODY, headers=auth("service_point"))
    previous = boundary - dt.timedelta(days=1)
    assert before.json()["report_month"] == f"{previous:%Y-%m}"


async def test_one_report_per_month_and_one_signal_when_retried(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker = await new_seeker(client)
    url = f"/job-seekers/{seeker['id']}/job-search-reports"
    first = await client.post(url, json=BODY, headers=auth("service_point"))
    retried = await client.post(url, json=BODY, headers=auth("service_point"))
    different = await client.post(url, json={**BODY, "applications_made": 9}, headers=auth("service_point"))
    assert (first.status_code, retried.status_code, different.status_code) == (201, 200, 409)
    assert first.json()["id"] == retried.json()["id"]
    assert different.json()["code"] == "report_exists"
    rows = await conn.fetch(
        "SELECT payload, dedupe_key FROM outbox WHERE workflow_id = $1", claimant_journey_id(seeker["registration_id"])
    )
    report = first.json()
    assert [r["payload"] for r in rows] == [
        {
            "signal": "job_search_reported",
            "arg": {"report_id": report["id"], "report_month": report["report_month"], "reported_on": report["reported_on"]},
        }
    ]
    assert rows[0]["dedupe_key"].endswith(":" + report["id"])
    listed = await client.get(url, headers=auth("auditor"))
    assert [r["report_month"] for r in listed.json()] == [report["report_month"]]


async def test_report_input_and_scope(client: httpx.AsyncClient, clock: Clock) -> None:
    seeker = await new_seeker(client)
    url = f"/job-seekers/{seeker['id']}/job-search-reports"
    future = next_china_month_start()
    ahead = await client.post(url, json={**BODY, "report_month": f"{future:%Y-%m}"}, headers=auth("case_manager"))
    assert (ahead.status_code, ahead.json()["code"], ahead.json()["field"]) == (422, "report_month_in_future", "report_month")
    before = await client.post(url, json={**BODY, "report_month": "2020-01"}, headers=auth("case_manager"))
    assert (before.status_code, before.json()["code"]) == (422, "report_month_before_registration")
    malformed = await client.post(url, json={**BODY, "report_month": "2026-13"}, headers=auth("case_manager"))
    assert (malformed.status_code, malformed.json()["code"]) == (422, "invalid_report_month")
    negative = await client.post(url, json={**BODY, "applications_made": -1}, headers=auth("case_manager"))
    assert (negative.status_code, negative.json()["field"]) == (422, "applications_made")
    other = await client.post(url, json=BODY, headers=auth("service_point", "430103"))
    assert (other.status_code, other.json()["code"]) == (404, "job_seeker_not_found")
    online = await client.post(url, json={**BODY, "channel": "online"}, headers=auth("system"))
    assert (online.status_code, online.json()["channel"]) == (201, "online")


async def test_missing_reports_list_people_on_benefit_who_have_not_reported(client: httpx.AsyncClient) -> None:
    from tests.services.employment.factories import unique_district

    district = unique_district()
    reported = await new_seeker(client, district=district)
    silent = await new_seeker(client, district=district)
    await new_seeker(client, "service_point", district=district)  # not on benefit: no duty to report
    point = auth("service_point", district)
    month = (await client.post(f"/job-seekers/{reported['id']}/job-search-reports", json=BODY, headers=point)).json()["report_month"]
    missing = await client.get("/job-search-reports/missing", params={"month": month}, headers=point)
    assert missing.status_code == 200
    assert [m["job_seeker_id"] for m in missing.json()] == [silent["id"]]
    ahead = await client.get("/job-search-reports/missing", params={"month": f"{next_china_month_start():%Y-%m}"}, headers=point)
    assert (ahead.status_code, ahead.json()["code"], ahead.json()["field"]) == (422, "report_month_in_future", "month")
