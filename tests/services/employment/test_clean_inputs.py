"""A clean answer to every input (issue 9, item 3), employment service: what fuzzing found
answering 500 (offsets past bigint, ``month=0000-01``, a session at 0001-01-01T00:00:00+03:25), and
what was accepted that must be refused (money silently rounded, ``capacity: true`` stored as 1,
text with NUL or line breaks); the statistics CSV stays one line per row."""

from __future__ import annotations

import csv
import datetime as dt
import io

import httpx
import pytest

from tests.clock import TestClock
from tests.factories import auth
from tests.services.employment.factories import (
    course_payload,
    new_seeker,
    provider_payload,
    vacancy_payload,
)

TOO_BIG = str(2**63)


def assert_refused(response: httpx.Response, code: str | None, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == field, body
    if code is not None:
        assert body["code"] == code, body


async def provider_id(client: httpx.AsyncClient) -> str:
    response = await client.post("/training-providers", json=provider_payload(), headers=auth("operations"))
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.mark.parametrize("path", ["/job-seekers", "/vacancies", "/courses", "/training-providers", "/stop-proposals"])
async def test_an_offset_past_bigint_is_refused(client: httpx.AsyncClient, path: str) -> None:
    assert_refused(await client.get(f"{path}?limit=1&offset={TOO_BIG}", headers=auth("case_manager")), None, "offset")


@pytest.mark.parametrize("month", ["0000-01", "0001-06", "1899-12", "2100-01"])
async def test_a_month_of_year_0_or_out_of_range_is_refused(client: httpx.AsyncClient, month: str) -> None:
    missing = await client.get(f"/job-search-reports/missing?month={month}", headers=auth("service_point"))
    assert_refused(missing, "invalid_month", "month")
    figures = await client.get(
        f"/statistics/reemployment?from_month={month}&to_month=2026-01", headers=auth("operations")
    )
    assert_refused(figures, "invalid_month", "from_month")
    seeker = await new_seeker(client)
    report = await client.post(
        f"/job-seekers/{seeker['id']}/job-search-reports",
        json={"channel": "service_point", "report_month": month}, headers=auth("service_point"),
    )
    assert_refused(report, "invalid_report_month", "report_month")


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+03:25", "9999-12-31T23:59:59-23:59", "1900-01-01T09:00:00+08:00"])
async def test_a_guidance_session_centuries_away_is_refused(client: httpx.AsyncClient, at: str) -> None:
    seeker = await new_seeker(client)
    response = await client.post(
        f"/job-seekers/{seeker['id']}/guidance-sessions", json={"scheduled_at": at, "counsellor": "王老师"},
        headers=auth("service_point"),
    )
    assert_refused(response, "date_out_of_range", "scheduled_at")


@pytest.mark.parametrize(
    "field, value",
    [("cost", "0.001"), ("cost", 1800.005)],
)
async def test_a_course_cost_below_the_fen_is_refused_not_rounded(client: httpx.AsyncClient, field: str, value: object) -> None:
    body = course_payload(await provider_id(client), **{field: value})
    assert_refused(await client.post("/courses", json=body, headers=auth("operations")), "invalid_decimal_max_places", field)


@pytest.mark.parametrize("field", ["wage_min", "wage_max"])
async def test_a_wage_below_the_fen_is_refused_not_rounded(client: httpx.AsyncClient, field: str) -> None:
    body = vacancy_payload(**{field: "4500.001"})
    response = await client.post("/vacancies", json=body, headers=auth("service_point"))
    assert_refused(response, "invalid_decimal_max_places", field)


@pytest.mark.parametrize("value", [True, False, "30", 30.0])
async def test_capacity_is_a_json_integer(client: httpx.AsyncClient, value: object) -> None:
    body = course_payload(await provider_id(client), capacity=value)
    assert_refused(await client.post("/courses", json=body, headers=auth("operations")), None, "capacity")


async def test_openings_and_counts_are_json_integers(client: httpx.AsyncClient) -> None:
    vacancy = await client.post("/vacancies", json=vacancy_payload(openings=True), headers=auth("service_point"))
    assert_refused(vacancy, None, "openings")
    seeker = await new_seeker(client)
    report = await client.post(
        f"/job-seekers/{seeker['id']}/job-search-reports",
        json={"channel": "service_point", "applications_made": True}, headers=auth("service_point"),
    )
    assert_refused(report, None, "applications_made")


@pytest.mark.parametrize("bad", ["电\x00工", "电\n工", "电\u202e工", "电\u200b工"])
async def test_text_with_nul_line_breaks_bidi_or_zero_width_is_refused(client: httpx.AsyncClient, bad: str) -> None:
    vacancy = await client.post("/vacancies", json=vacancy_payload(occupation=bad), headers=auth("service_point"))
    assert_refused(vacancy, "invalid_characters", "occupation")
    skills = await client.post(
        "/vacancies", json=vacancy_payload(required_skills=["识图", bad]), headers=auth("service_point")
    )
    assert_refused(skills, "invalid_characters", "required_skills.1")
    query = await client.get("/vacancies", params={"occupation": bad}, headers=auth("service_point"))
    assert_refused(query, "invalid_characters", "occupation")


async def test_guidance_notes_may_have_paragraphs_but_no_nul(client: httpx.AsyncClient, clock: TestClock) -> None:
    seeker = await new_seeker(client)
    tomorrow = (clock.instant() + dt.timedelta(days=1)).isoformat()
    session = await client.post(
        f"/job-seekers/{seeker['id']}/guidance-sessions",
        json={"scheduled_at": tomorrow, "counsellor": "王老师"}, headers=auth("service_point"),
    )
    assert session.status_code == 201, session.text
    url = f"/guidance-sessions/{session.json()['id']}/outcome"
    clock.shift(days=2)  # the session has been held
    bad = await client.post(url, json={"attended": True, "guidance": "建议\x00考证", "goals": []}, headers=auth("service_point"))
    assert_refused(bad, "invalid_characters", "guidance")
    goals = [{"goal": "报名电工培训", "due_on": (clock.today() + dt.timedelta(days=14)).isoformat()}]
    good = await client.post(
        url, json={"attended": True, "guidance": "第一: 考证\n第二: 投递简历", "goals": goals}, headers=auth("service_point")
    )
    assert good.status_code in (200, 201), good.text


async def test_the_statistics_csv_is_one_line_per_row_and_starts_no_formula(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/statistics/reemployment?from_month=2026-01&to_month=2026-02&format=csv", headers=auth("operations")
    )
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.text)))
    assert response.text.count("\r\n") == len(rows)
    assert not [c for row in rows for c in row if c[:1] in ("=", "+", "@")]


def test_a_statistics_csv_cell_never_starts_a_formula_nor_breaks_a_line() -> None:
    """Districts come from the job seekers' registrations; whatever is stored, the CSV for staff
    neutralises a formula and keeps one line per row (shared.csvfile)."""
    from services.employment.statistics.schemas import ReemploymentFigures
    from services.employment.statistics.service import to_csv

    text = to_csv([
        ReemploymentFigures(district="=HYPERLINK(\"x\")", period="2026-01", drew_benefit=2, reemployed=1,
                            reemployment_rate=None, placements=1, placed_through_referral=0, trained=0),
        ReemploymentFigures(district="43\n0102", period="2026-01", drew_benefit=0, reemployed=0,
                            reemployment_rate=None, placements=0, placed_through_referral=0, trained=0),
    ])
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert text.count("\r\n") == len(rows) == 3
    assert rows[1][0] == "'=HYPERLINK(\"x\")" and rows[2][0] == "43 0102"

