"""A clean answer to every input (issue 9, item 3), registration service: what fuzzing found
answering 500, and what was accepted that must be refused, now a 422 with a stable code and the
field (or, for a documented null, the change it asks for)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import httpx
import pytest
from stdnum.cn import ric

from shared.clock import china_today
from tests.factories import auth, id_number, registration_payload
from tests.services.registration.factories import approved_employer, employer_payload, staff_member

TODAY = china_today()
TOO_BIG = str(2**63)


def assert_refused(response: httpx.Response, code: str, field: str | None) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["field"]) == (code, field), body


# --- 1. integers past bigint: 422, not a DataError ----------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/employers", "/unemployment-registrations", "/audit-log", "/tax-reports", "/contribution-arrears",
     f"/separations?since={TODAY}&until={TODAY}"],
)
async def test_an_offset_past_bigint_is_refused(client: httpx.AsyncClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    response = await client.get(f"{path}{sep}offset={TOO_BIG}", headers=auth("case_manager"))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "offset"


# --- 2. NUL and other characters PostgreSQL or a CSV cannot take ------------------------------


@pytest.mark.parametrize("bad", ["长沙\x00公司", "长沙\n公司", "长沙\r公司", "长沙\u202e公司", "长沙\u2066公司",
                                 "长沙\u200b公司", "长沙\u200d公司", "长沙\u2060公司", "长沙\ufeff公司", "长沙\x1b公司"])
async def test_an_employer_name_with_a_control_bidi_or_zero_width_character_is_refused(
    client: httpx.AsyncClient, bad: str
) -> None:
    response = await client.post("/employers", json=employer_payload(name=bad), headers=auth("service_point"))
    assert_refused(response, "invalid_characters", "name")


@pytest.mark.parametrize("field", ["name", "id_number"])
async def test_a_person_name_or_id_number_with_nul_or_a_line_break_is_refused(
    client: httpx.AsyncClient, field: str
) -> None:
    for bad in ("张\x00三", "张\n三"):
        payload = registration_payload(**{field: bad})
        response = await client.post("/unemployment-registrations", json=payload, headers=auth("service_point"))
        assert_refused(response, "invalid_characters", field)


async def test_nested_text_is_checked_too(client: httpx.AsyncClient) -> None:
    payload = employer_payload(contacts=[{"name": "王\x00五", "phone": "0731-88880000"}])
    response = await client.post("/employers", json=payload, headers=auth("service_point"))
    assert_refused(response, "invalid_characters", "contacts.0.name")
    payload = employer_payload(staff=[staff_member(name="李\u202e四")])
    response = await client.post("/employers", json=payload, headers=auth("service_point"))
    assert_refused(response, "invalid_characters", "staff.0.name")


@pytest.mark.parametrize("query", ["actor=a%00b", "entity_type=employer%00", "entity_id=x%0Ay"])
async def test_a_nul_in_a_query_parameter_is_refused(client: httpx.AsyncClient, query: str) -> None:
    response = await client.get(f"/audit-log?{query}", headers=auth("operations"))
    assert_refused(response, "invalid_characters", query.split("=")[0])


async def test_a_nul_in_a_uscc_filter_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/employers?uscc=91430102%00", headers=auth("case_manager"))
    assert_refused(response, "invalid_characters", "uscc")


# --- 3. months of year 0 and other years out of range -------------------------------------------


@pytest.mark.parametrize("month", ["0000-01", "0001-12", "1899-12", "2100-01"])
async def test_a_tax_report_month_out_of_range_is_refused(client: httpx.AsyncClient, month: str) -> None:
    csv_response = await client.get(f"/tax-reports/{month}.csv", headers=auth("operations"))
    assert_refused(csv_response, "invalid_month", "month")
    kept = await client.get(f"/tax-reports/{month}", headers=auth("operations"))
    assert_refused(kept, "invalid_month", "month")
    produce = await client.post("/tax-reports", json={"month": month}, headers=auth("operations"))
    assert_refused(produce, "invalid_month", "month")


async def test_a_declaration_month_of_year_0_is_refused(client: httpx.AsyncClient) -> None:
    employer = await approved_employer(client, staff=[])
    response = await client.get(f"/employers/{employer['id']}/declarations/0000-01", headers=auth("case_manager"))
    assert_refused(response, "invalid_contribution_month", "contribution_month")


# --- 4. clearing an optional employer item with null, as documented ------------------------------


async def test_null_clears_an_optional_item(client: httpx.AsyncClient) -> None:
    employer = await approved_employer(
        client, staff=[], supervising_department="芙蓉区科技局", affiliation="区属"
    )
    url = f"/employers/{employer['id']}/changes"
    set_other = await client.post(
        url, json={"request_key": "BG-N0", "reason": "补充", "effective_on": TODAY.isoformat(),
                   "items": [{"item": "other", "other_item": "邮政编码", "new_value": "410011"}]},
        headers=auth("case_manager"),
    )
    assert set_other.status_code == 201, set_other.text
    body = {"request_key": "BG-N1", "reason": "主管部门撤销", "effective_on": TODAY.isoformat(),
            "items": [{"item": "supervising_department", "new_value": None},
                      {"item": "affiliation", "new_value": None},
                      {"item": "other", "other_item": "邮政编码", "new_value": None}]}
    response = await client.post(url, json=body, headers=auth("case_manager"))
    assert response.status_code == 201, response.text
    changed = response.json()
    assert changed["employer"]["supervising_department"] is None
    assert changed["employer"]["affiliation"] is None
    assert changed["employer"]["other_items"] in ({}, None)
    assert {(c["item"], c["new_value"]) for c in changed["changes"]} == {
        ("supervising_department", None), ("affiliation", None), ("other", None)
    }
    again = await client.post(url, json=body, headers=auth("case_manager"))
    assert again.status_code == 200, again.text  # the same request repeated


# --- 5. dates far outside their meaning ----------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "9999-12-31"])
async def test_a_separation_date_outside_its_meaning_is_refused(client: httpx.AsyncClient, day: str) -> None:
    payload = registration_payload(separation_date=day, registration_date=None)
    response = await client.post("/unemployment-registrations", json=payload, headers=auth("service_point"))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "separation_date"


async def test_a_separation_before_the_persons_working_age_is_refused(client: httpx.AsyncClient) -> None:
    born = TODAY.replace(year=TODAY.year - 12, day=1)
    payload = registration_payload(id_number=id_number(birth=born), separation_date=(TODAY - dt.timedelta(days=20)).isoformat())
    response = await client.post("/unemployment-registrations", json=payload, headers=auth("service_point"))
    assert_refused(response, "separation_before_working_age", "separation_date")


async def test_a_birth_in_year_1_is_refused(client: httpx.AsyncClient) -> None:
    body = "43010200010101123"
    number = body + ric.calc_check_digit(body + "0")
    payload = registration_payload(id_number=number)
    response = await client.post("/unemployment-registrations", json=payload, headers=auth("service_point"))
    assert_refused(response, "invalid_id_number_component", "id_number")


async def test_hire_and_founding_dates_of_year_1_are_refused(client: httpx.AsyncClient) -> None:
    founded = await client.post("/employers", json=employer_payload(founded_on="0001-01-01"), headers=auth("service_point"))
    assert_refused(founded, "date_out_of_range", "founded_on")
    staff = employer_payload(staff=[staff_member(hired_on="0001-01-01")])
    hired = await client.post("/employers", json=staff, headers=auth("service_point"))
    assert_refused(hired, "date_out_of_range", "staff.0.hired_on")
    employer = await approved_employer(client, staff=[])
    enrolled = await client.post(
        f"/employers/{employer['id']}/employments",
        json={"id_number": id_number(), "name": "李四", "hired_on": "0001-01-01"},
        headers=auth("service_point"),
    )
    assert_refused(enrolled, "date_out_of_range", "hired_on")


async def test_a_founding_long_ago_is_still_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post("/employers", json=employer_payload(founded_on="1956-01-01"), headers=auth("service_point"))
    assert response.status_code == 201, response.text


# --- 6. CSV for spreadsheets: no formulas, no extra lines ----------------------------------------


async def test_the_tax_report_neutralises_formula_prefixes(client: httpx.AsyncClient) -> None:
    employer = await approved_employer(client, staff=[], name="=HYPERLINK(\"http://x\",\"点我\")")
    await client.post(
        f"/employers/{employer['id']}/changes",
        json={"request_key": "BG-F", "reason": "更名", "effective_on": TODAY.isoformat(),
              "items": [{"item": "name", "new_value": "@SUM(1+1)"},
                        {"item": "address", "new_value": "-2+3 长沙市芙蓉区"}]},
        headers=auth("case_manager"),
    )
    response = await client.get(f"/tax-reports/{TODAY:%Y-%m}.csv", headers=auth("operations"))
    assert response.status_code == 200, response.text
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert cells, text
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in cells and "'@SUM(1+1)" in cells
    assert len(text.split("\r\n")) == len(list(csv.reader(io.StringIO(text)))) + 1
