"""Employer-registration parameters as effective-dated rows entered by operations: a district's
own row wins over the province's sample row, and the rules use it (R-REG-1, R-REG-3)."""

from __future__ import annotations

import datetime as dt

import httpx

from shared.clock import china_today
from services.registration.calendar.working_days import WorkingDayCalendar, library_knows
from tests.factories import auth
from tests.services.registration.factories import accepted_employer, approved_employer, staff_member

TODAY = china_today()


def row(**overrides: object) -> dict:
    body = {
        "area_code": "430111",
        "effective_from": "2000-01-01",
        "review_working_days": 5,
        "review_warning_working_days": 1,
        "enrolment_deadline_days": 10,
        "separation_notice_days": 7,
        "separation_notice_max_days": 15,
        "source": "雨花区试点: 5个工作日办结 (test)",
    }
    body.update(overrides)
    return body


async def test_a_districts_own_row_is_used_by_the_rules(client: httpx.AsyncClient) -> None:
    entered = await client.post("/employer-registration-policies", json=row(), headers=auth("operations"))
    again = await client.post("/employer-registration-policies", json=row(), headers=auth("operations"))
    other = await client.post("/employer-registration-policies", json=row(review_working_days=8), headers=auth("operations"))
    assert (entered.status_code, again.status_code, other.status_code) == (201, 200, 409)

    employer = await accepted_employer(client, district="430111", staff=[])
    if library_knows(TODAY.year) and library_knows((TODAY + dt.timedelta(days=15)).year):
        expected = WorkingDayCalendar().add_working_days(TODAY, 5)
        assert employer["review_due_on"] == expected.isoformat()

    approved = await approved_employer(
        client, district="430111", staff=[staff_member(hired_on=(TODAY - dt.timedelta(days=11)).isoformat())]
    )
    staff = (await client.get(f"/employers/{approved['id']}/employments", headers=auth("case_manager"))).json()
    assert staff[0]["late_enrolment"] is True  # 11 days > this district's 10 (R-REG-3)

    listed = (await client.get("/employer-registration-policies", params={"area_code": "430111"},
                               headers=auth("auditor"))).json()
    assert [r["review_working_days"] for r in listed] == [5]


async def test_policy_input_is_checked_and_only_operations_enter_it(client: httpx.AsyncClient) -> None:
    assert (await client.post("/employer-registration-policies", json=row(), headers=auth("case_manager"))).status_code == 403
    bad = await client.post(
        "/employer-registration-policies", json=row(separation_notice_max_days=5), headers=auth("operations")
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_notice_days"
    bad_area = await client.post("/employer-registration-policies", json=row(area_code="43011"), headers=auth("operations"))
    assert bad_area.status_code == 422 and bad_area.json()["field"] == "area_code"
