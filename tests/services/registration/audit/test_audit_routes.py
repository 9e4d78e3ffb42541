"""Audit trail (稽核): every change with actor, role, time, before/after; masked for operations."""

from __future__ import annotations

import httpx
import pytest

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


async def _employment_with_audit(client: httpx.AsyncClient) -> tuple[dict, dict, dict]:
    member = staff_member(name="周九")
    employer = await approved_employer(client, staff=[member])
    employment = (
        await client.get(f"/employers/{employer['id']}/employments", headers=auth("auditor"))
    ).json()[0]
    return member, employer, employment


async def test_personal_data_is_masked_for_every_reader_of_the_trail(client: httpx.AsyncClient) -> None:
    """Auditors and case managers of every district read the trail: masked by default (PIPL
    art. 28, DOMAIN.md); the full values only through a stated disclosure (below)."""
    member, employer, employment = await _employment_with_audit(client)
    params = {"entity_type": "employment", "entity_id": employment["id"]}
    masked_id = member["id_number"][:4] + "*" * 10 + member["id_number"][-4:]
    for role in ("auditor", "case_manager", "operations"):
        entry = (await client.get("/audit-log", params=params, headers=auth(role))).json()[0]
        assert entry["after"]["id_number"] == masked_id, role
        assert entry["after"]["person_name"] == "周*", role
        employer_entry = (
            await client.get(
                "/audit-log", params={"entity_type": "employer", "entity_id": employer["id"]},
                headers=auth(role),
            )
        ).json()[0]
        assert employer_entry["after"]["legal_representative"] == "赵*", role
        assert employer_entry["after"]["bank_account"].count("*") > 0, role
        assert all(c["phone"].count("*") > 0 for c in employer_entry["after"]["contacts"]), role


async def test_an_auditor_with_a_stated_need_sees_one_entity_in_full_and_that_is_audited(
    client: httpx.AsyncClient,
) -> None:
    member, _, employment = await _employment_with_audit(client)
    reason = "稽核案件 2026-017: 核对参保人员身份"
    response = await client.post(
        "/audit-log/disclosures",
        json={"entity_type": "employment", "entity_id": employment["id"], "reason": reason},
        headers=auth("auditor"),
    )
    assert response.status_code == 200, response.text
    entries = response.json()
    assert [e["action"] for e in entries] == ["enrolled"]
    assert entries[0]["after"]["id_number"] == member["id_number"]
    assert entries[0]["after"]["person_name"] == "周九"
    # Who looked, when and why is itself in the trail (and holds no personal data).
    trail = (
        await client.get(
            "/audit-log", params={"entity_type": "employment", "entity_id": employment["id"]},
            headers=auth("case_manager"),
        )
    ).json()
    disclosed = trail[0]
    assert (disclosed["action"], disclosed["actor"], disclosed["actor_role"]) == (
        "personal_data_disclosed", "test-auditor", "auditor",
    )
    assert disclosed["reason"] == reason
    assert member["id_number"] not in str(disclosed)


@pytest.mark.parametrize("role", ["case_manager", "operations", "service_point", "finance", "system"])
async def test_only_an_auditor_may_ask_for_a_disclosure(client: httpx.AsyncClient, role: str) -> None:
    response = await client.post(
        "/audit-log/disclosures",
        json={"entity_type": "employment", "entity_id": "x", "reason": "想看看完整号码"},
        headers=auth(role),
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"entity_type": "employment", "entity_id": "x"}, "reason"),
        ({"entity_type": "employment", "entity_id": "x", "reason": "看"}, "reason"),
        ({"entity_type": "employment", "reason": "稽核案件 2026-017"}, "entity_id"),
    ],
)
async def test_a_disclosure_names_one_entity_and_why(client: httpx.AsyncClient, body: dict, field: str) -> None:
    response = await client.post("/audit-log/disclosures", json=body, headers=auth("auditor"))
    assert response.status_code == 422 and response.json()["field"] == field


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
