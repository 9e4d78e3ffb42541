"""No existence oracle across districts (issue 9, item 4.8): a service point must not learn, by
trying to register someone, that another district holds a 失业登记 for them. The refusal is the
one a service point gets for registering a person of another district at all: the same status,
code, message and field, with no date, district or ID; the attempt is in the audit trail."""

from __future__ import annotations

import datetime as dt

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth, id_number, registration_payload

URL = "/unemployment-registrations"
HERE, ELSEWHERE = "430102", "430103"


async def _refusal_for_another_districts_person(client: httpx.AsyncClient) -> dict:
    """The answer a service point gets for naming another district's code."""
    response = await client.post(
        URL, json=registration_payload(district=ELSEWHERE), headers=auth("service_point", HERE)
    )
    assert response.status_code == 403
    return response.json()


async def test_an_open_registration_elsewhere_is_refused_like_another_districts_person(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    person = id_number()
    payload = registration_payload(id_number=person, district=ELSEWHERE)
    assert (await client.post(URL, json=payload, headers=auth("service_point", ELSEWHERE))).status_code == 201

    here = auth("service_point", HERE)
    same = await client.post(URL, json=dict(payload, district=HERE), headers=here)
    different = await client.post(
        URL, json=dict(payload, district=HERE, separation_reason="employer_dismissal"), headers=here
    )
    expected = await _refusal_for_another_districts_person(client)
    for response in (same, different):
        assert response.status_code == 403, response.text
        assert response.json() == expected
        assert ELSEWHERE not in response.text and "registration" not in response.json()["code"]

    # The attempt is recorded for the agency (who tried, from where); no personal data.
    person_id = await conn.fetchval("SELECT id FROM persons WHERE id_number = $1", person)
    entries = (
        await client.get(
            "/audit-log", params={"entity_type": "person", "entity_id": str(person_id)}, headers=auth("auditor")
        )
    ).json()
    assert [e["action"] for e in entries] == ["registration_refused_other_district"] * 2
    assert entries[0]["actor_role"] == "service_point" and entries[0]["after"] == {"district": HERE}


async def test_a_later_ended_spell_elsewhere_is_refused_without_its_date(client: httpx.AsyncClient) -> None:
    person = id_number()
    today = china_today()
    first = await client.post(
        URL, json=registration_payload(id_number=person, district=ELSEWHERE), headers=auth("service_point", ELSEWHERE)
    )
    assert first.status_code == 201, first.text
    ended = await client.post(
        f"{URL}/{first.json()['id']}/end",
        json={"ended_on": today.isoformat(), "reason": "re_employed", "evidence_ref": "placement:1"},
        headers=auth("system"),
    )
    assert ended.status_code == 200, ended.text

    early = (today - dt.timedelta(days=1)).isoformat()
    refused = await client.post(
        URL,
        json=registration_payload(id_number=person, separation_reason="employer_dismissal", registration_date=early),
        headers=auth("service_point", HERE),
    )
    assert refused.status_code == 403
    assert refused.json() == await _refusal_for_another_districts_person(client)
    assert today.isoformat() not in refused.text


async def test_the_own_district_and_case_managers_still_get_the_precise_answer(client: httpx.AsyncClient) -> None:
    payload = registration_payload(id_number=id_number(), district=HERE)
    assert (await client.post(URL, json=payload, headers=auth("service_point", HERE))).status_code == 201
    changed = dict(payload, separation_reason="employer_dismissal")
    own = await client.post(URL, json=changed, headers=auth("service_point", HERE))
    assert (own.status_code, own.json()["code"]) == (409, "registration_already_open")
    # A case manager works for every district.
    manager = await client.post(URL, json=dict(changed, district=ELSEWHERE), headers=auth("case_manager"))
    assert (manager.status_code, manager.json()["code"]) == (409, "registration_already_open")


async def test_a_new_person_elsewhere_still_registers(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=registration_payload(district=HERE), headers=auth("service_point", HERE))
    assert response.status_code == 201
