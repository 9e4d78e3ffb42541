"""失业登记 over the API (R-UREG-1): validation, idempotency, district scope, the outbox."""

from __future__ import annotations

import json

import asyncpg
import httpx
import pytest

from tests.factories import auth, registration_payload, with_wrong_check_digit
from contracts.journey import claimant_journey_id

URL = "/unemployment-registrations"


async def counts(conn: asyncpg.Connection) -> tuple[int, int, int]:
    return (
        await conn.fetchval("SELECT count(*) FROM persons"),
        await conn.fetchval("SELECT count(*) FROM unemployment_registrations"),
        await conn.fetchval("SELECT count(*) FROM outbox"),
    )


@pytest.fixture
async def before(conn: asyncpg.Connection) -> tuple[int, int, int]:
    """Row counts when the test starts (other suites commit rows to the test database)."""
    return await counts(conn)


async def added(conn: asyncpg.Connection, before: tuple[int, int, int]) -> tuple[int, ...]:
    return tuple(after - start for after, start in zip(await counts(conn), before, strict=True))


async def test_service_point_registers_a_person_and_queues_the_journey(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    payload = registration_payload()
    response = await client.post(URL, json=payload, headers=auth("service_point", "430102"))

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id_number_masked"] == payload["id_number"][:4] + "*" * 10 + payload["id_number"][-4:]
    assert body["name_masked"] == "张*"
    assert "id_number" not in body and "name" not in body
    assert body["journey_workflow_id"] == claimant_journey_id(body["id"])

    outbox = await conn.fetchrow("SELECT * FROM outbox WHERE workflow_id = $1", body["journey_workflow_id"])
    assert outbox["command"] == "start_workflow"
    assert outbox["payload"]["arg"] == {
        "registration_id": body["id"],
        "district": "430102",
        "registration_date": payload["registration_date"],
        "insured_separation": True,  # the contract's whole input, as Temporal's converter encodes it
    }
    # Personal data never enters the workflow's input or search attributes.
    serialized = json.dumps(outbox["payload"], ensure_ascii=False)
    assert payload["id_number"] not in serialized and "张三" not in serialized


async def test_the_same_request_repeated_returns_the_first_registration(
    client: httpx.AsyncClient, conn: asyncpg.Connection, before: tuple[int, int, int]
) -> None:
    payload = registration_payload()
    headers = auth("service_point", "430102")
    first = await client.post(URL, json=payload, headers=headers)
    second = await client.post(URL, json=payload, headers=headers)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert await added(conn, before) == (1, 1, 1)


async def test_a_different_open_registration_for_the_same_person_conflicts(
    client: httpx.AsyncClient, conn: asyncpg.Connection, before: tuple[int, int, int]
) -> None:
    payload = registration_payload()
    headers = auth("service_point", "430102")
    assert (await client.post(URL, json=payload, headers=headers)).status_code == 201
    changed = dict(payload, separation_reason="employer_dismissal")
    response = await client.post(URL, json=changed, headers=headers)

    assert response.status_code == 409
    assert response.json()["code"] == "registration_already_open"
    assert response.json()["field"] == "id_number"
    assert await added(conn, before) == (1, 1, 1)


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"id_number": "43010219900101123"}, "invalid_id_number_length", "id_number"),
        ({"id_number": with_wrong_check_digit("11010519491231002X")}, "invalid_id_number_checksum", "id_number"),
        ({"wants_work": False}, "not_seeking_work", "wants_work"),
        ({"district": "4301"}, "invalid_district", "district"),
        ({"separation_reason": "bored"}, "invalid_enum", "separation_reason"),
        ({"separation_date": "2026-02-30"}, "invalid_date_from_datetime_parsing", "separation_date"),
        (
            {"separation_date": "2026-03-10", "registration_date": "2026-03-01"},
            "registration_before_separation",
            "registration_date",
        ),
        ({"name": ""}, "invalid_string_too_short", "name"),
        ({"unexpected": 1}, "unknown_field", "unexpected"),
    ],
)
async def test_bad_input_gets_a_coded_4xx_and_writes_nothing(
    client: httpx.AsyncClient,
    conn: asyncpg.Connection,
    before: tuple[int, int, int],
    overrides: dict,
    code: str,
    field: str,
) -> None:
    response = await client.post(
        URL, json=registration_payload(**overrides), headers=auth("service_point", "430102")
    )

    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["field"]) == (code, field)
    assert body["message"]
    assert await added(conn, before) == (0, 0, 0)


async def test_missing_field_is_named(client: httpx.AsyncClient) -> None:
    payload = registration_payload()
    del payload["separation_date"]
    response = await client.post(URL, json=payload, headers=auth("service_point", "430102"))
    assert response.status_code == 422
    assert response.json()["code"] == "field_required"
    assert response.json()["field"] == "separation_date"


async def test_no_token_and_bad_token_are_401(client: httpx.AsyncClient, conn: asyncpg.Connection, before: tuple[int, int, int]) -> None:
    no_token = await client.post(URL, json=registration_payload())
    bad_token = await client.post(
        URL, json=registration_payload(), headers={"Authorization": "Bearer not-a-jwt"}
    )
    assert (no_token.status_code, no_token.json()["code"]) == (401, "unauthorized")
    assert (bad_token.status_code, bad_token.json()["code"]) == (401, "invalid_token")
    assert await added(conn, before) == (0, 0, 0)


async def test_wrong_role_is_403(client: httpx.AsyncClient, conn: asyncpg.Connection, before: tuple[int, int, int]) -> None:
    response = await client.post(URL, json=registration_payload(), headers=auth("auditor"))
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert await added(conn, before) == (0, 0, 0)


async def test_service_point_cannot_register_in_another_district(
    client: httpx.AsyncClient, conn: asyncpg.Connection, before: tuple[int, int, int]
) -> None:
    response = await client.post(
        URL, json=registration_payload(district="430103"), headers=auth("service_point", "430102")
    )
    assert (response.status_code, response.json()["code"]) == (403, "district_forbidden")
    assert await added(conn, before) == (0, 0, 0)


async def test_other_districts_people_look_exactly_like_missing_ones(client: httpx.AsyncClient) -> None:
    created = await client.post(URL, json=registration_payload(), headers=auth("service_point", "430102"))
    registration_id = created.json()["id"]

    own = await client.get(f"{URL}/{registration_id}", headers=auth("service_point", "430102"))
    other = await client.get(f"{URL}/{registration_id}", headers=auth("service_point", "430103"))
    missing = await client.get(f"{URL}/00000000-0000-4000-8000-000000000000", headers=auth("service_point", "430103"))
    manager = await client.get(f"{URL}/{registration_id}", headers=auth("case_manager"))

    assert own.status_code == 200 and manager.status_code == 200
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    other_list = await client.get(URL, headers=auth("service_point", "430103"))
    assert other_list.json() == []


async def test_health_is_open(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health")).json() == {"status": "ok", "service": "registration"}
    assert (await client.get("/health/ready")).status_code == 200
