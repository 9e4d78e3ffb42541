"""R-SPELL-1: a 失业登记 is one spell. It ends once, with a date and a reason; the person may then
register again (a second spell), and a person with no insured separation registers too."""

from __future__ import annotations

import datetime as dt

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth, id_number, registration_payload
from contracts.journey import claimant_journey_id

URL = "/unemployment-registrations"
POINT = auth("service_point", "430102")
TODAY = china_today()


async def registered(client: httpx.AsyncClient, **overrides) -> dict:  # noqa: ANN003
    response = await client.post(URL, json=registration_payload(**overrides), headers=POINT)
    assert response.status_code == 201, response.text
    return response.json()


async def end(client: httpx.AsyncClient, registration_id: str, role: str = "system", **body) -> httpx.Response:  # noqa: ANN003
    body = {"ended_on": TODAY.isoformat(), "reason": "re_employed", "evidence_ref": "placement:1"} | body
    headers = auth(role, "430102") if role == "service_point" else auth(role)
    return await client.post(f"{URL}/{registration_id}/end", json=body, headers=headers)


def residence_payload(**overrides) -> dict:  # noqa: ANN003
    payload = registration_payload(basis="residence", residence_category="graduate", **overrides)
    del payload["separation_date"], payload["separation_reason"]
    return payload


async def test_the_journey_ends_the_spell_once_and_the_person_registers_again(client: httpx.AsyncClient) -> None:
    person = id_number()
    first = await registered(client, id_number=person)
    refused = await client.post(URL, json=registration_payload(id_number=person, separation_reason="employer_dismissal"), headers=POINT)
    assert (refused.status_code, refused.json()["code"]) == (409, "registration_already_open")

    ended = await end(client, first["id"])
    assert ended.status_code == 200, ended.text
    assert (ended.json()["status"], ended.json()["ended_on"], ended.json()["end_reason"]) == (
        "closed", TODAY.isoformat(), "re_employed",
    )
    assert (await end(client, first["id"])).json() == ended.json()  # a retried activity: same answer
    other = await end(client, first["id"], reason="died")
    assert (other.status_code, other.json()["code"]) == (409, "registration_already_ended")

    # A second spell begins once the first has ended, not before; a new registration, a new journey.
    early = await client.post(URL, json=registration_payload(id_number=person, separation_reason="employer_dismissal"), headers=POINT)
    assert (early.status_code, early.json()["code"], early.json()["field"]) == (
        409, "registration_before_previous_spell_end", "registration_date",
    )
    second = await registered(
        client, id_number=person, separation_reason="employer_dismissal", registration_date=TODAY.isoformat()
    )
    assert second["id"] != first["id"] and second["status"] == "open"
    assert second["journey_workflow_id"] == claimant_journey_id(second["id"])
    history = await client.get(f"/persons/{first['person_id']}/unemployment-registrations", headers=POINT)
    assert [(r["id"], r["status"], r["end_reason"]) for r in history.json()] == [
        (second["id"], "open", None), (first["id"], "closed", "re_employed"),
    ]


async def test_an_end_must_fit_the_registration(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    registration = await registered(client)
    early = await end(client, registration["id"], ended_on=(TODAY - dt.timedelta(days=30)).isoformat())
    assert (early.status_code, early.json()["code"], early.json()["field"]) == (422, "ended_before_registration", "ended_on")
    far = await end(client, registration["id"], ended_on=(TODAY + dt.timedelta(days=32)).isoformat())
    assert (far.status_code, far.json()["code"], far.json()["field"]) == (422, "ended_on_too_far", "ended_on")
    unknown = await end(client, registration["id"], reason="bored")
    assert (unknown.status_code, unknown.json()["field"]) == (422, "reason")
    # A claim's spell is ended by the journey, never by hand at the desk.
    by_hand = await end(client, registration["id"], role="case_manager")
    assert (by_hand.status_code, by_hand.json()["code"]) == (409, "registration_has_claim")
    assert (await end(client, registration["id"], role="auditor")).status_code == 403
    status = await conn.fetchval("SELECT status FROM unemployment_registrations WHERE id = $1", registration["id"])
    assert status == "open"


async def test_a_person_without_an_insured_separation_registers_for_employment_services(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    response = await client.post(URL, json=residence_payload(), headers=POINT)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["basis"], body["residence_category"], body["separation_date"], body["separation_source"]) == (
        "residence", "graduate", None, None,
    )
    start = await conn.fetchval("SELECT payload FROM outbox WHERE workflow_id = $1", body["journey_workflow_id"])
    assert start["arg"]["insured_separation"] is False  # the journey opens no claim

    # The service point ends it (R-SPELL-1) and the journey is told.
    ended = await end(client, body["id"], role="service_point", reason="no_contact", evidence_ref=None)
    assert ended.status_code == 200, ended.text
    signal = await conn.fetchval(
        "SELECT payload FROM outbox WHERE workflow_id = $1 AND command = 'signal_workflow'", body["journey_workflow_id"]
    )
    assert (signal["signal"], signal["arg"]["reason"]) == ("registration_ended", "no_contact")
    journey_only = await end(client, (await client.post(URL, json=residence_payload(), headers=POINT)).json()["id"],
                             role="service_point", reason="entitlement_exhausted")
    assert (journey_only.status_code, journey_only.json()["code"]) == (422, "end_reason_not_manual")


async def test_a_residence_registration_has_no_separation(client: httpx.AsyncClient) -> None:
    with_date = dict(residence_payload(), separation_date=(TODAY - dt.timedelta(days=3)).isoformat())
    without_category = {k: v for k, v in residence_payload().items() if k != "residence_category"}
    insured_with_category = registration_payload(residence_category="graduate")
    for payload, code, field in (
        (with_date, "separation_not_allowed", "separation_date"),
        (without_category, "residence_category_required", "residence_category"),
        (insured_with_category, "residence_category_not_allowed", "residence_category"),
    ):
        response = await client.post(URL, json=payload, headers=POINT)
        assert (response.status_code, response.json()["code"], response.json()["field"]) == (422, code, field)


async def test_a_service_point_sees_only_its_districts_spells(client: httpx.AsyncClient) -> None:
    registration = await registered(client)
    other = await client.get(
        f"/persons/{registration['person_id']}/unemployment-registrations", headers=auth("service_point", "430103")
    )
    assert (other.status_code, other.json()["code"]) == (404, "person_not_found")
    foreign_end = await client.post(
        f"{URL}/{registration['id']}/end", json={"ended_on": TODAY.isoformat(), "reason": "no_contact"},
        headers=auth("service_point", "430103"),
    )
    assert (foreign_end.status_code, foreign_end.json()["code"]) == (404, "registration_not_found")
