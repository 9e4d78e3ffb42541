"""Audit trail (稽核): every change with actor, role, time, before/after; masked for operations."""

from __future__ import annotations

import httpx

from shared.clock import utc_now
from tests.factories import auth
from tests.services.registration.factories import approved_employer, staff_member


async def test_every_step_of_a_registration_is_audited_with_actor_and_role(client: httpx.AsyncClient) -> None:
    employer = await approved_employer(client, staff=[])
    entries = (
        await client.get(
            "/audit-log", params={"entity_type": "employer", "entity_id": employer["id"]},
            headers=auth("auditor"),
        )
    ).json()
    assert [e["action"] for e in reversed(entries)] == ["submitted", "accepted", "approved"]
    approved = entries[0]
    assert (approved["actor"], approved["actor_role"]) == ("test-case_manager", "case_manager")
    assert approved["before"]["status"] == "under_review" and approved["after"]["status"] == "approved"
    assert approved["at"]


async def test_personal_data_is_masked_for_operations_and_shown_to_auditors(client: httpx.AsyncClient) -> None:
    member = staff_member(name="周九")
    employer = await approved_employer(client, staff=[member])
    employment = (
        await client.get(f"/employers/{employer['id']}/employments", headers=auth("auditor"))
    ).json()[0]
    params = {"entity_type": "employment", "entity_id": employment["id"]}

    auditor = (await client.get("/audit-log", params=params, headers=auth("auditor"))).json()[0]
    operations = (await client.get("/audit-log", params=params, headers=auth("operations"))).json()[0]

    assert auditor["after"]["id_number"] == member["id_number"]
    assert auditor["after"]["person_name"] == "周九"
    assert operations["after"]["id_number"] == member["id_number"][:4] + "*" * 10 + member["id_number"][-4:]
    assert operations["after"]["person_name"] == "周*"
    employer_entry = (
        await client.get(
            "/audit-log", params={"entity_type": "employer", "entity_id": employer["id"]},
            headers=auth("operations"),
        )
    ).json()[0]
    assert employer_entry["after"]["legal_representative"] == "赵*"
    assert employer_entry["after"]["bank_account"].count("*") > 0


async def test_the_audit_trail_is_not_for_service_points_or_finance(client: httpx.AsyncClient) -> None:
    for role in ("service_point", "finance", "system"):
        response = await client.get("/audit-log", headers=auth(role))
        assert response.status_code == 403, role


async def test_the_trail_is_searchable_by_actor_and_time(client: httpx.AsyncClient) -> None:
    import datetime as dt

    before = utc_now() - dt.timedelta(seconds=60)
    employer = await approved_employer(client, staff=[])
    by_case_manager = (await client.get(
        "/audit-log",
        params={"actor": "test-case_manager", "entity_id": employer["id"], "since": before.isoformat()},
        headers=auth("auditor"),
    )).json()
    assert [e["action"] for e in reversed(by_case_manager)] == ["accepted", "approved"]
    earlier = (await client.get(
        "/audit-log", params={"entity_id": employer["id"], "until": before.isoformat()}, headers=auth("auditor")
    )).json()
    assert earlier == []
