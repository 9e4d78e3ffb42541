"""Insured staff over the API: enrolment (ID number with its birth date, R-REG-3 late flag),
separation with an R-ELIG-2 reason code and the employer's notice (R-EMP-1: 7 / 15 days)."""

from __future__ import annotations

import datetime as dt

import asyncpg
import httpx
import pytest
from stdnum.cn import ric

from shared.clock import china_today
from tests.factories import auth, id_number, with_wrong_check_digit
from tests.services.registration.factories import approved_employer, submitted_employer

TODAY = china_today()


def enrolment(**overrides: object) -> dict:
    body = {
        "id_number": id_number(),
        "name": "孙七",
        "hired_on": (TODAY - dt.timedelta(days=10)).isoformat(),
        "enrolled_on": TODAY.isoformat(),
    }
    body.update(overrides)
    return body


@pytest.fixture
async def employer(client: httpx.AsyncClient) -> dict:
    return await approved_employer(client, staff=[])


async def test_enrolment_masks_personal_data_and_repeats_idempotently(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    url = f"/employers/{employer['id']}/employments"
    body = enrolment()
    headers = auth("service_point", "430102")
    first = await client.post(url, json=body, headers=headers)
    again = await client.post(url, json=body, headers=headers)
    other_hire = await client.post(url, json=dict(body, hired_on=(TODAY - dt.timedelta(days=3)).isoformat()), headers=headers)

    assert (first.status_code, again.status_code, other_hire.status_code) == (201, 200, 409)
    assert first.json()["id"] == again.json()["id"]
    assert other_hire.json()["code"] == "employment_already_open"
    assert first.json()["id_number_masked"] == body["id_number"][:4] + "*" * 10 + body["id_number"][-4:]
    assert first.json()["name_masked"] == "孙*"
    count = await conn.fetchval(
        "SELECT count(*) FROM employments WHERE employer_id = $1", employer["id"]
    )
    assert count == 1


@pytest.mark.parametrize(("days_after_hiring", "late"), [(30, False), (31, True)])
async def test_late_enrolment_beyond_30_days_is_flagged_r_reg_3(
    client: httpx.AsyncClient, employer: dict, days_after_hiring: int, late: bool
) -> None:
    hired = TODAY - dt.timedelta(days=days_after_hiring)
    response = await client.post(
        f"/employers/{employer['id']}/employments",
        json=enrolment(hired_on=hired.isoformat(), enrolled_on=TODAY.isoformat()),
        headers=auth("case_manager"),
    )
    assert response.status_code == 201, response.text
    assert response.json()["late_enrolment"] is late


async def test_id_number_check_vectors(client: httpx.AsyncClient, employer: dict) -> None:
    url = f"/employers/{employer['id']}/employments"
    headers = auth("case_manager")
    impossible = "43010219900230123"  # born 30 February 1990
    for number, code in (
        (with_wrong_check_digit(id_number()), "invalid_id_number_checksum"),
        (impossible + ric.calc_check_digit(impossible + "0"), "invalid_id_number_component"),
        ("4301021990", "invalid_id_number_length"),
    ):
        response = await client.post(url, json=enrolment(id_number=number), headers=headers)
        assert response.status_code == 422, response.text
        assert (response.json()["code"], response.json()["field"]) == (code, "id_number")


async def test_hire_before_the_16th_birthday_is_refused(client: httpx.AsyncClient, employer: dict) -> None:
    birth = TODAY - dt.timedelta(days=15 * 365)
    response = await client.post(
        f"/employers/{employer['id']}/employments",
        json=enrolment(id_number=id_number(birth=birth)),
        headers=auth("case_manager"),
    )
    assert response.status_code == 422
    assert response.json() | {"message": ""} == {
        "code": "hired_before_working_age", "field": "hired_on", "message": ""
    }


async def test_enrolment_needs_an_approved_employer(client: httpx.AsyncClient) -> None:
    employer = await submitted_employer(client)
    response = await client.post(
        f"/employers/{employer['id']}/employments", json=enrolment(), headers=auth("case_manager")
    )
    assert response.status_code == 409 and response.json()["code"] == "employer_not_approved"


async def test_another_district_cannot_enrol_or_see(client: httpx.AsyncClient, employer: dict) -> None:
    url = f"/employers/{employer['id']}/employments"
    created = await client.post(url, json=enrolment(), headers=auth("case_manager"))
    other = auth("service_point", "430103")
    assert (await client.post(url, json=enrolment(), headers=other)).status_code == 404
    assert (await client.get(url, headers=other)).status_code == 404
    assert (await client.get(f"/employments/{created.json()['id']}", headers=other)).status_code == 404


@pytest.mark.parametrize(
    ("notice_days", "timeliness"),
    [(7, "within_statutory"), (8, "within_legal_maximum"), (15, "within_legal_maximum"), (16, "beyond_legal_maximum")],
)
async def test_separation_notice_timeliness_r_emp_1(
    client: httpx.AsyncClient, employer: dict, notice_days: int, timeliness: str
) -> None:
    hired = TODAY - dt.timedelta(days=200)
    created = await client.post(
        f"/employers/{employer['id']}/employments",
        json=enrolment(hired_on=hired.isoformat(), enrolled_on=(hired + dt.timedelta(days=5)).isoformat()),
        headers=auth("case_manager"),
    )
    separated = TODAY - dt.timedelta(days=20)
    response = await client.post(
        f"/employments/{created.json()['id']}/separation",
        json={
            "separated_on": separated.isoformat(),
            "reason": "contract_expired",
            "notified_on": (separated + dt.timedelta(days=notice_days)).isoformat(),
        },
        headers=auth("service_point", "430102"),
    )
    assert response.status_code == 201, response.text
    assert response.json()["separation_notice_timeliness"] == timeliness
    assert response.json()["involuntary"] is True


async def test_separation_reason_codes_and_repeat(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    created = await client.post(
        f"/employers/{employer['id']}/employments", json=enrolment(), headers=auth("case_manager")
    )
    url = f"/employments/{created.json()['id']}/separation"
    headers = auth("case_manager")
    bad = await client.post(url, json={"separated_on": TODAY.isoformat(), "reason": "fired"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["field"] == "reason"
    before_hire = await client.post(
        url, json={"separated_on": (TODAY - dt.timedelta(days=30)).isoformat(), "reason": "contract_expired"},
        headers=headers,
    )
    assert before_hire.status_code == 422 and before_hire.json()["code"] == "separated_before_hired"

    body = {"separated_on": TODAY.isoformat(), "reason": "voluntary_resignation"}
    first = await client.post(url, json=body, headers=headers)
    again = await client.post(url, json=body, headers=headers)
    different = await client.post(url, json=dict(body, reason="employer_dismissal"), headers=headers)
    assert (first.status_code, again.status_code, different.status_code) == (201, 200, 409)
    assert first.json()["involuntary"] is False  # R-ELIG-2: resigning by one's own choice
    actions = await conn.fetch(
        "SELECT action FROM audit_log WHERE entity_type = 'employment' AND entity_id = $1 ORDER BY id",
        created.json()["id"],
    )
    assert [a["action"] for a in actions] == ["enrolled", "separated"]


async def test_a_long_employment_is_enrolled_under_todays_parameters(
    client: httpx.AsyncClient, employer: dict
) -> None:
    """Hired in 1999, before the sample parameter row starts: the rules use the row in force
    when the enrolment and the notice are made."""
    created = await client.post(
        f"/employers/{employer['id']}/employments",
        json=enrolment(
            id_number=id_number(birth=dt.date(1970, 5, 1)), hired_on="1999-03-01", enrolled_on=TODAY.isoformat()
        ),
        headers=auth("case_manager"),
    )
    assert created.status_code == 201, created.text
    assert created.json()["late_enrolment"] is True
    separated = await client.post(
        f"/employments/{created.json()['id']}/separation",
        json={"separated_on": "2001-06-30", "reason": "employer_dismissal", "notified_on": TODAY.isoformat()},
        headers=auth("case_manager"),
    )
    assert separated.status_code == 201, separated.text
    assert separated.json()["separation_notice_timeliness"] == "beyond_legal_maximum"


async def test_late_separation_notices_are_listed_for_follow_up(
    client: httpx.AsyncClient, employer: dict
) -> None:
    ids = {}
    for notice_days in (3, 20):
        created = await client.post(
            f"/employers/{employer['id']}/employments",
            json=enrolment(hired_on=(TODAY - dt.timedelta(days=100)).isoformat()),
            headers=auth("case_manager"),
        )
        separated = TODAY - dt.timedelta(days=25)
        await client.post(
            f"/employments/{created.json()['id']}/separation",
            json={"separated_on": separated.isoformat(), "reason": "employer_termination",
                  "notified_on": (separated + dt.timedelta(days=notice_days)).isoformat()},
            headers=auth("case_manager"),
        )
        ids[notice_days] = created.json()["id"]
    params = {"since": (TODAY - dt.timedelta(days=30)).isoformat(), "until": TODAY.isoformat(),
              "timeliness": "late", "limit": 500}

    late = {e["id"] for e in (await client.get("/separations", params=params, headers=auth("auditor"))).json()}
    assert ids[20] in late and ids[3] not in late
    other_district = (await client.get("/separations", params=params, headers=auth("service_point", "430103"))).json()
    assert ids[20] not in {e["id"] for e in other_district}
    backwards = await client.get(
        "/separations", params={"since": TODAY.isoformat(), "until": (TODAY - dt.timedelta(days=1)).isoformat()},
        headers=auth("auditor"),
    )
    assert backwards.status_code == 422 and backwards.json()["field"] == "until"


@pytest.fixture
async def notices_by_day(client: httpx.AsyncClient, employer: dict) -> dict[int, str]:
    """Employment IDs whose separation notice was filed on day 7, 8, 15 and 16 (R-EMP-1)."""
    ids = {}
    for notice_days in (7, 8, 15, 16):
        created = await client.post(
            f"/employers/{employer['id']}/employments",
            json=enrolment(hired_on=(TODAY - dt.timedelta(days=100)).isoformat()),
            headers=auth("case_manager"),
        )
        separated = TODAY - dt.timedelta(days=20)
        filed = await client.post(
            f"/employments/{created.json()['id']}/separation",
            json={"separated_on": separated.isoformat(), "reason": "contract_expired",
                  "notified_on": (separated + dt.timedelta(days=notice_days)).isoformat()},
            headers=auth("case_manager"),
        )
        assert filed.status_code == 201, filed.text
        ids[notice_days] = created.json()["id"]
    return ids


@pytest.mark.parametrize(
    ("timeliness", "days"),
    [
        ("on_time", {7}),
        ("late", {8, 15, 16}),  # every notice that broke the 7-day rule, inside the 15 days too
        ("beyond_legal_maximum", {16}),
        ("within_statutory", {7}),  # unchanged
        ("within_legal_maximum", {8, 15}),  # unchanged
        (None, {7, 8, 15, 16}),
    ],
)
async def test_the_auditor_filters_separation_notices_by_timeliness_r_emp_1(
    client: httpx.AsyncClient, notices_by_day: dict[int, str], timeliness: str | None, days: set[int]
) -> None:
    params = {"since": (TODAY - dt.timedelta(days=30)).isoformat(), "until": TODAY.isoformat(), "limit": 500}
    if timeliness is not None:
        params["timeliness"] = timeliness
    response = await client.get("/separations", params=params, headers=auth("auditor"))
    assert response.status_code == 200, response.text
    listed = {e["id"] for e in response.json()}
    assert {day for day, employment_id in notices_by_day.items() if employment_id in listed} == days


async def test_the_timeliness_filter_is_documented(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    (param,) = [p for p in spec["paths"]["/separations"]["get"]["parameters"] if p["name"] == "timeliness"]
    schema_name = param["schema"]["anyOf"][0]["$ref"].rsplit("/", 1)[-1]
    values = {"on_time", "late", "beyond_legal_maximum", "within_statutory", "within_legal_maximum"}
    assert set(spec["components"]["schemas"][schema_name]["enum"]) == values
    described = param.get("description", "")
    assert all(f"`{value}`" in described for value in values), described
