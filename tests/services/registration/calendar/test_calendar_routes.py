"""The calendar API: operations enter a year's table; deadlines refuse unknown years; an
employer registration cannot be accepted when its deadline falls in an unknown year."""

from __future__ import annotations

import datetime as dt

import asyncpg
import httpx

from services.registration.calendar.working_days import CalendarYearUnknown
from services.registration.employers import service as employers
from shared.auth import Principal, Role
from shared.outbox import OutboxRelay
from tests.factories import auth
from tests.services.registration.factories import submitted_employer

TABLE = {
    "source": "国务院办公厅关于2099年部分节假日安排的通知 (test)",
    "days": [
        {"day": "2099-01-01", "is_working_day": False, "name": "元旦"},
        {"day": "2099-01-02", "is_working_day": False, "name": "元旦"},
        {"day": "2099-01-04", "is_working_day": True, "name": "元旦调休上班"},
    ],
}


async def test_unknown_year_is_refused_until_operations_enter_it(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    params = {"start": "2098-12-31", "working_days": 3}
    # 2098 is unknown too: enter it empty (plain Monday–Friday) so only 2099 matters.
    await client.put("/calendar/years/2098", json={"source": "test", "days": []}, headers=auth("operations"))
    refused = await client.get("/calendar/deadline", params=params, headers=auth("case_manager"))
    assert refused.status_code == 409
    assert refused.json()["code"] == "calendar_year_unknown" and refused.json()["details"] == {"year": 2099}

    entered = await client.put("/calendar/years/2099", json=TABLE, headers=auth("operations"))
    assert entered.status_code == 200 and entered.json()["origin"] == "operator"

    deadline = await client.get("/calendar/deadline", params=params, headers=auth("case_manager"))
    assert deadline.json()["due_on"] == "2099-01-06"
    audit = await conn.fetchval(
        "SELECT count(*) FROM audit_log WHERE entity_type = 'calendar_year' AND entity_id = '2099'"
    )
    assert audit == 1


async def test_only_operations_enter_tables_and_bad_days_are_refused(client: httpx.AsyncClient) -> None:
    assert (await client.put("/calendar/years/2099", json=TABLE, headers=auth("case_manager"))).status_code == 403
    wrong_year = await client.put("/calendar/years/2098", json=TABLE, headers=auth("operations"))
    assert wrong_year.status_code == 422 and wrong_year.json()["field"] == "days.0.day"
    twice = dict(TABLE, days=[TABLE["days"][0], TABLE["days"][0]])
    duplicate = await client.put("/calendar/years/2099", json=twice, headers=auth("operations"))
    assert duplicate.status_code == 422 and duplicate.json()["code"] == "duplicate_calendar_day"


async def test_a_library_year_is_listed_with_its_make_up_days(client: httpx.AsyncClient) -> None:
    body = (await client.get("/calendar/years/2026", headers=auth("operations"))).json()
    assert body["origin"] == "library"
    assert {"day": "2026-10-10", "is_working_day": True, "name": "National Day"} in body["days"]


async def test_acceptance_is_refused_when_the_deadline_year_is_unknown(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await submitted_employer(client)
    principal = Principal("test-case_manager", Role.CASE_MANAGER)
    relay = OutboxRelay(None, None, "unused", enabled=False)  # type: ignore[arg-type]
    try:
        await employers.accept(conn, principal, employer["id"], relay, today=dt.date(2099, 12, 24))
    except CalendarYearUnknown as refused:
        assert refused.year == 2099
    else:
        raise AssertionError("acceptance counted across an unknown year")
    row = await conn.fetchrow("SELECT status, review_due_on FROM employers WHERE id = $1", employer["id"])
    assert row["status"] == "submitted" and row["review_due_on"] is None
