"""GET /claims/{id}/record, the console's one-call read of a claim (issue 11): the claim, its
payments (R-PAY-1) and its subsidies (R-SUB-1), each exactly as its own endpoint answers it, with
the same district and role checks, read in one read-only REPEATABLE READ transaction."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.clock import TestClock
from tests.factories import auth
from tests.services.benefits.factories import computed_claim, pay_months

CM = auth("case_manager")
READERS = ["service_point", "case_manager", "operations", "finance", "auditor", "system"]


async def claim_with_payments_and_a_subsidy(client: httpx.AsyncClient) -> dict:
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    await pay_months(client, claim["id"], 1, 2)
    subsidy = {
        "kind": "skill_upgrade_subsidy", "event_ref": f"cert-{uuid.uuid4()}", "requested_amount": "3000.00",
        "awarded_on": "2025-02-15", "occupation": "电工", "certificate_level": "4",
    }
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=subsidy, headers=CM)
    assert response.status_code == 201, response.text
    return claim


async def separate_reads(client: httpx.AsyncClient, claim_id: str, headers: dict[str, str]) -> dict:
    parts = {"claim": "", "payments": "/payments", "subsidies": "/subsidies"}
    answers = {name: await client.get(f"/claims/{claim_id}{path}", headers=headers) for name, path in parts.items()}
    assert all(a.status_code == 200 for a in answers.values()), {n: a.text for n, a in answers.items()}
    return {name: answer.json() for name, answer in answers.items()}


@pytest.mark.parametrize("role", READERS)
async def test_the_record_is_what_the_three_endpoints_answer(
    client: httpx.AsyncClient, clock: TestClock, role: str
) -> None:
    clock.at = clock.instant()  # one instant for every request: review_overdue (R-REV-1) alike
    claim = await claim_with_payments_and_a_subsidy(client)
    headers = auth(role, "430102") if role == "service_point" else auth(role)

    record = await client.get(f"/claims/{claim['id']}/record", headers=headers)

    assert record.status_code == 200, record.text
    assert record.json() == await separate_reads(client, claim["id"], headers)
    # Not vacuous: two benefit months and the subsidy's own payment (R-SUB-1), and the award.
    body = record.json()
    assert sorted((p["kind"], p["benefit_month"]) for p in body["payments"]) == [
        ("benefit", 1), ("benefit", 2), ("skill_upgrade_subsidy", 2)
    ]
    assert [s["payment"]["kind"] for s in body["subsidies"]] == ["skill_upgrade_subsidy"]
    assert body["claim"]["id"] == claim["id"] and body["claim"]["status"] == "approved"


async def test_a_claim_with_nothing_paid_has_empty_lists(client: httpx.AsyncClient) -> None:
    claim = await computed_claim(client)
    record = await client.get(f"/claims/{claim['id']}/record", headers=CM)
    assert record.status_code == 200, record.text
    assert (record.json()["payments"], record.json()["subsidies"]) == ([], [])


async def test_another_districts_service_point_gets_the_same_404(client: httpx.AsyncClient) -> None:
    claim = await claim_with_payments_and_a_subsidy(client)
    elsewhere = auth("service_point", "430103")
    single = await client.get(f"/claims/{claim['id']}", headers=elsewhere)
    record = await client.get(f"/claims/{claim['id']}/record", headers=elsewhere)
    assert (record.status_code, record.json()) == (single.status_code, single.json())
    assert (record.status_code, record.json()["code"], record.json()["field"]) == (404, "claim_not_found", "claim_id")


async def test_an_unknown_claim_is_404_as_the_single_endpoint(client: httpx.AsyncClient) -> None:
    unknown = uuid.uuid4()
    single = await client.get(f"/claims/{unknown}", headers=CM)
    record = await client.get(f"/claims/{unknown}/record", headers=CM)
    assert (record.status_code, record.json()) == (single.status_code, single.json())
    assert (record.status_code, record.json()["code"], record.json()["message"]) == (404, "claim_not_found", "未找到该待遇申领")


async def test_refused_as_the_parts_refuse(client: httpx.AsyncClient) -> None:
    """Every staff role and the journey read all three parts (services.benefits.auth.ClaimReader),
    so the record allows the same roles; what the parts refuse (no or a bad token), it refuses alike."""
    claim = await claim_with_payments_and_a_subsidy(client)
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        parts = [await client.get(f"/claims/{claim['id']}{p}", headers=headers) for p in ("", "/payments", "/subsidies")]
        record = await client.get(f"/claims/{claim['id']}/record", headers=headers)
        assert record.status_code == 401
        assert all((p.status_code, p.json()) == (record.status_code, record.json()) for p in parts)

