"""失业登记 with its separation facts (R-UREG-1, R-EMP-1, R-ELIG-2 codes): linked to the employment
the employer separated when the agency holds one; the journey still starts exactly as before."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.factories import auth, registration_payload
from tests.services.registration.contributions import factories as f

URL = "/unemployment-registrations"
TODAY = china_today()
SEPARATED = TODAY - dt.timedelta(days=20)


@pytest.fixture
async def person(conn: asyncpg.Connection) -> dict:
    person_id = await f.person(conn)
    id_number = await conn.fetchval("SELECT id_number FROM persons WHERE id = $1", person_id)
    return {"id": person_id, "id_number": id_number}


async def register(client: httpx.AsyncClient, person: dict, **overrides) -> httpx.Response:
    payload = registration_payload(
        id_number=person["id_number"], separation_date=SEPARATED.isoformat(), **overrides
    )
    return await client.post(URL, json=payload, headers=auth("service_point", "430102"))


async def written(conn: asyncpg.Connection, person_id: uuid.UUID) -> tuple[int, int]:
    return (
        await conn.fetchval("SELECT count(*) FROM unemployment_registrations WHERE person_id = $1", person_id),
        await conn.fetchval(
            "SELECT count(*) FROM outbox o JOIN unemployment_registrations r ON o.workflow_id = r.journey_workflow_id"
            " WHERE r.person_id = $1",
            person_id,
        ),
    )


async def test_the_employment_that_ended_on_the_stated_date_is_linked_and_the_journey_starts_as_before(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict
) -> None:
    employer = await f.employer(conn)
    employment_id = await f.employment(
        conn, employer["id"], person["id"], hired_on=dt.date(2020, 1, 1), separated_on=SEPARATED,
        separation_reason="contract_expired",
    )
    response = await register(client, person, separation_reason="contract_expired")

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["separation_source"], body["employment_id"], body["employer_id"]) == (
        "employer_record", str(employment_id), str(employer["id"]))
    assert (body["record_separation_date"], body["record_separation_reason"]) == (
        SEPARATED.isoformat(), "contract_expired")
    assert body["separation_matches_record"] is True
    assert body["employed_per_records"] is False
    outbox = await conn.fetchrow("SELECT payload FROM outbox WHERE workflow_id = $1", body["journey_workflow_id"])
    # The journey's input is exactly what it was: internal ID, district, date.
    assert outbox["payload"]["arg"] == {
        "registration_id": body["id"], "district": "430102", "registration_date": body["registration_date"],
        "insured_separation": True,  # the contract's whole input, as Temporal's converter encodes it
    }
    read = await client.get(f"{URL}/{body['id']}", headers=auth("system"))
    assert read.json()["employment_id"] == str(employment_id)


async def test_a_stated_reason_that_differs_from_the_employers_record_is_flagged_not_refused(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict
) -> None:
    employer = await f.employer(conn)
    await f.employment(
        conn, employer["id"], person["id"], separated_on=SEPARATED, separation_reason="voluntary_resignation"
    )
    response = await register(client, person, separation_reason="employer_fault")

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["separation_reason"], body["record_separation_reason"]) == ("employer_fault", "voluntary_resignation")
    assert body["separation_matches_record"] is False


async def test_without_an_employment_held_the_applicants_statement_stands(
    client: httpx.AsyncClient, person: dict
) -> None:
    body = (await register(client, person)).json()
    assert (body["separation_source"], body["employment_id"], body["separation_matches_record"]) == (
        "applicant", None, None)


async def test_a_named_employment_is_linked_even_when_its_date_differs(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict
) -> None:
    employer = await f.employer(conn)
    employment_id = await f.employment(
        conn, employer["id"], person["id"], separated_on=SEPARATED - dt.timedelta(days=3)
    )
    body = (await register(client, person, employment_id=str(employment_id))).json()
    assert (body["employment_id"], body["separation_matches_record"]) == (str(employment_id), False)


async def test_an_open_employment_elsewhere_is_shown(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict
) -> None:
    await f.employment(conn, (await f.employer(conn))["id"], person["id"], hired_on=dt.date(2021, 1, 1))
    body = (await register(client, person)).json()
    assert body["employed_per_records"] is True


@pytest.mark.parametrize(("separated", "code"), [(True, "employment_mismatch"), (False, "employment_not_separated")])
async def test_a_named_employment_must_be_the_persons_and_ended(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict, separated: bool, code: str
) -> None:
    employer = await f.employer(conn)
    # Someone else's separated employment, or the person's own still-open one.
    owner = None if separated else person["id"]
    employment_id = await f.employment(
        conn, employer["id"], owner, separated_on=SEPARATED if separated else None
    )
    response = await register(client, person, employment_id=str(employment_id))

    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, "employment_id")
    assert await written(conn, person["id"]) == (0, 0)


async def test_a_new_person_naming_an_employment_writes_nothing(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    employer = await f.employer(conn)
    employment_id = await f.employment(conn, employer["id"], separated_on=SEPARATED)
    payload = registration_payload(separation_date=SEPARATED.isoformat(), employment_id=str(employment_id))
    response = await client.post(URL, json=payload, headers=auth("service_point", "430102"))

    assert (response.status_code, response.json()["code"]) == (422, "employment_mismatch")
    assert await conn.fetchval("SELECT count(*) FROM persons WHERE id_number = $1", payload["id_number"]) == 0


async def test_a_separation_filed_after_the_registration_shows_up_in_it_r_emp_1(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict
) -> None:
    employer = await f.employer(conn)
    employment_id = await f.employment(conn, employer["id"], person["id"], hired_on=dt.date(2020, 1, 1))
    registered = (await register(client, person, separation_reason="employer_dismissal")).json()
    assert (registered["separation_source"], registered["employed_per_records"]) == ("applicant", True)

    # The employer files the separation list days later (within 7 / 15 days, R-EMP-1).
    await conn.execute(
        "UPDATE employments SET separated_on = $2, separation_reason = 'employer_dismissal' WHERE id = $1",
        employment_id, SEPARATED,
    )
    body = (await client.get(f"{URL}/{registered['id']}", headers=auth("case_manager"))).json()
    assert (body["separation_source"], body["employment_id"], body["separation_matches_record"]) == (
        "employer_record", str(employment_id), True)
    assert body["employed_per_records"] is False


async def test_a_registration_leaves_an_audit_entry_without_personal_data(
    client: httpx.AsyncClient, conn: asyncpg.Connection, person: dict
) -> None:
    body = (await register(client, person)).json()
    again = await register(client, person)
    assert again.status_code == 200
    rows = await conn.fetch(
        "SELECT action, actor_role, after FROM audit_log WHERE entity_type = 'unemployment_registration'"
        " AND entity_id = $1",
        body["id"],
    )
    assert [(r["action"], r["actor_role"]) for r in rows] == [("register", "service_point")]
    assert rows[0]["after"]["person_id"] == str(person["id"])
    assert person["id_number"] not in str(rows[0]["after"])
