"""查询人员 at the desk by ID number: in the body, masked answers, district scope."""

from __future__ import annotations

import httpx

from tests.factories import auth, id_number, registration_payload, with_wrong_check_digit


async def test_a_service_point_finds_its_registered_person_and_the_journey(client: httpx.AsyncClient) -> None:
    payload = registration_payload()
    registered = (await client.post("/unemployment-registrations", json=payload, headers=auth("service_point"))).json()

    response = await client.post("/persons/lookup", json={"id_number": payload["id_number"]}, headers=auth("service_point"))

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["person_id"] == registered["person_id"]
    assert body["open_registration"]["journey_workflow_id"] == registered["journey_workflow_id"]
    assert body["id_number_masked"] == registered["id_number_masked"] and body["name_masked"] == "张*"
    assert payload["id_number"] not in response.text


async def test_another_district_and_an_unknown_person_answer_alike(client: httpx.AsyncClient) -> None:
    payload = registration_payload()
    await client.post("/unemployment-registrations", json=payload, headers=auth("service_point"))
    other = await client.post("/persons/lookup", json={"id_number": payload["id_number"]}, headers=auth("service_point", "430103"))
    unknown = await client.post("/persons/lookup", json={"id_number": id_number()}, headers=auth("service_point"))
    manager = await client.post("/persons/lookup", json={"id_number": payload["id_number"]}, headers=auth("case_manager"))
    assert other.status_code == unknown.status_code == 404
    assert other.json() == unknown.json()
    assert manager.status_code == 200


async def test_a_bad_id_number_is_422_and_finance_is_403(client: httpx.AsyncClient) -> None:
    bad = await client.post(
        "/persons/lookup", json={"id_number": with_wrong_check_digit(id_number())}, headers=auth("case_manager")
    )
    assert (bad.status_code, bad.json()["code"], bad.json()["field"]) == (422, "invalid_id_number_checksum", "id_number")
    assert (await client.post("/persons/lookup", json={"id_number": id_number()}, headers=auth("finance"))).status_code == 403
