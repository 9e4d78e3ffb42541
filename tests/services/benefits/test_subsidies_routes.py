"""Training, referral and skill-upgrade subsidies for people on benefit (R-SUB-1)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest

from tests.factories import auth
from tests.four_eyes import approve_as_second
from tests.services.benefits.factories import computed_claim

CM = auth("case_manager")


async def on_benefit(client: httpx.AsyncClient, **overrides: object) -> dict:
    return await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10", **overrides
    )


def skill(level: str, occupation: str = "电工", **overrides: object) -> dict:
    body = {
        "kind": "skill_upgrade_subsidy", "event_ref": f"cert-{uuid.uuid4()}", "requested_amount": "3000.00",
        "awarded_on": "2025-02-15", "occupation": occupation, "certificate_level": level,
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(("level", "cap"), [("5", "1000.00"), ("4", "1500.00"), ("3", "2000.00")])
async def test_the_skill_upgrade_subsidy_is_capped_by_certificate_level(
    client: httpx.AsyncClient, level: str, cap: str
) -> None:
    claim = await on_benefit(client)
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=skill(level), headers=CM)
    assert response.status_code == 201, response.text
    award = response.json()
    assert Decimal(award["amount"]) == Decimal(cap) == Decimal(award["cap"])
    assert award["payment"]["kind"] == "skill_upgrade_subsidy" and award["payment"]["benefit_month"] == 2
    assert "R-SUB-1" in award["payment"]["legal_basis"]


async def test_one_skill_upgrade_subsidy_per_person_occupation_and_level(client: httpx.AsyncClient) -> None:
    person_id = str(uuid.uuid4())
    claim = await on_benefit(client, person_id=person_id)
    first = await client.post(f"/claims/{claim['id']}/subsidies", json=skill("4"), headers=CM)
    same_level = await client.post(
        f"/claims/{claim['id']}/subsidies", json=skill("4", awarded_on="2025-03-15"), headers=CM
    )
    other_occupation = await client.post(
        f"/claims/{claim['id']}/subsidies", json=skill("4", "焊工", awarded_on="2025-03-15"), headers=CM
    )
    assert first.status_code == 201
    assert (same_level.status_code, same_level.json()["code"]) == (409, "skill_subsidy_already_paid")
    assert other_occupation.status_code == 201


async def test_an_award_is_keyed_by_its_event(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    body = {"kind": "training_subsidy", "event_ref": f"enrol-{uuid.uuid4()}", "requested_amount": "800.00", "awarded_on": "2025-02-15"}
    first = await client.post(f"/claims/{claim['id']}/subsidies", json=body, headers=auth("system"))
    again = await client.post(f"/claims/{claim['id']}/subsidies", json=body, headers=auth("system"))
    changed = await client.post(
        f"/claims/{claim['id']}/subsidies", json={**body, "requested_amount": "900.00"}, headers=auth("system")
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Decimal(first.json()["amount"]) == Decimal("800.00")
    assert (changed.status_code, changed.json()["code"]) == (409, "subsidy_event_exists")


async def test_the_referral_subsidy_is_capped(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    body = {"kind": "referral_subsidy", "event_ref": f"ref-{uuid.uuid4()}", "requested_amount": "500.00", "awarded_on": "2025-01-20"}
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=body, headers=CM)
    assert Decimal(response.json()["amount"]) == Decimal("300.00")


async def test_no_subsidy_outside_the_benefit_period(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    stop = {"reason": "re_employment", "effective_date": "2025-02-01", "evidence_ref": "p-1"}
    await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=CM))
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=skill("5"), headers=CM)
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (409, "not_on_benefit", "awarded_on")


@pytest.mark.parametrize(
    ("patch", "code", "field"),
    [
        ({"certificate_level": None}, "certificate_required", "certificate_level"),
        ({"certificate_level": "6"}, "invalid_string_pattern_mismatch", "certificate_level"),
        ({"requested_amount": "0"}, "invalid_greater_than", "requested_amount"),
    ],
)
async def test_bad_subsidy_requests_are_refused_with_the_field(
    client: httpx.AsyncClient, patch: dict, code: str, field: str
) -> None:
    claim = await on_benefit(client)
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=skill("5", **patch), headers=CM)
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)


async def test_a_level_without_a_policy_row_is_refused(client: httpx.AsyncClient) -> None:
    claim = await on_benefit(client)
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=skill("2"), headers=CM)
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        409, "policy_missing", "certificate_level"
    )
