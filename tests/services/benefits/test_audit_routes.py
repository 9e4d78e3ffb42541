"""Audit cross-match (R-FRAUD-1): benefit months overlapping a new contribution record become
review items for a case manager; never an automatic stop."""

from __future__ import annotations

import uuid

import httpx

from tests.factories import auth
from tests.services.benefits.factories import computed_claim, pay_months

OPS = auth("operations")


async def paid_claim(client: httpx.AsyncClient) -> dict:
    # Benefit months 1 = 2025-01-10…02-09, 2 = 02-10…03-09, 3 = 03-10…04-09.
    claim = await computed_claim(
        client, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10",
        person_id=str(uuid.uuid4()),
    )
    await pay_months(client, claim["id"], 1, 2, 3)
    return claim


def history(person_id: str, *spells: tuple[str, str, str]) -> dict:
    return {
        "person_id": person_id, "as_of": "2025-06-01", "contribution_months": 30,
        "spells": [{"employer_id": e, "first_month": f, "last_month": l, "months": 1} for e, f, l in spells],
        "last_employer_id": None,
    }


async def test_a_new_contribution_during_benefit_is_a_review_item_not_a_stop(
    audit_client: httpx.AsyncClient, insurance_histories: dict[str, dict]
) -> None:
    claim = await paid_claim(audit_client)
    old, new = str(uuid.uuid4()), str(uuid.uuid4())
    # The old job ends in January (the separation month: expected); a new employer pays March.
    insurance_histories[claim["person_id"]] = history(claim["person_id"], (old, "2022-01", "2025-01"), (new, "2025-03", "2025-03"))

    run = await audit_client.post("/audit/cross-match-runs", json={"city": "430100", "as_of": "2025-06-01"}, headers=OPS)
    again = await audit_client.post("/audit/cross-match-runs", json={"city": "430100", "as_of": "2025-06-01"}, headers=OPS)

    assert run.status_code == 200, run.text
    items = (await audit_client.get(f"/audit/review-items?claim_id={claim['id']}", headers=auth("case_manager"))).json()
    # March overlaps benefit months 2 (…03-09) and 3 (03-10…).
    assert sorted((i["benefit_month"], i["overlap_month"], i["employer_id"]) for i in items) == [
        (2, "2025-03", new), (3, "2025-03", new)
    ]
    assert {i["status"] for i in items} == {"open"}
    assert again.json()["hits_created"] == 0  # a re-run adds nothing twice
    still = (await audit_client.get(f"/claims/{claim['id']}", headers=auth("case_manager"))).json()
    assert still["status"] == "approved"  # never an automatic stop


async def test_a_case_manager_reviews_an_item_once(
    audit_client: httpx.AsyncClient, insurance_histories: dict[str, dict]
) -> None:
    claim = await paid_claim(audit_client)
    insurance_histories[claim["person_id"]] = history(claim["person_id"], (str(uuid.uuid4()), "2025-02", "2025-02"))
    await audit_client.post("/audit/cross-match-runs", json={"city": "430100", "as_of": "2025-06-01"}, headers=OPS)
    item = (await audit_client.get(f"/audit/review-items?claim_id={claim['id']}", headers=auth("auditor"))).json()[0]

    decision = {"outcome": "confirmed", "note": "新单位2月已参保, 转入停发与追回处理"}
    first = await audit_client.post(f"/audit/review-items/{item['id']}/decision", json=decision, headers=auth("case_manager"))
    again = await audit_client.post(f"/audit/review-items/{item['id']}/decision", json=decision, headers=auth("case_manager"))
    other = await audit_client.post(
        f"/audit/review-items/{item['id']}/decision", json={"outcome": "dismissed", "note": "x"}, headers=auth("case_manager")
    )
    assert first.status_code == 200 and first.json()["reviewed_by"] == "test-case_manager"
    assert again.status_code == 200
    assert (other.status_code, other.json()["code"]) == (409, "review_item_decided")
    assert (await audit_client.post(
        f"/audit/review-items/{item['id']}/decision", json=decision, headers=auth("auditor")
    )).status_code == 403


async def test_a_person_unknown_to_registration_has_no_hits(audit_client: httpx.AsyncClient) -> None:
    claim = await paid_claim(audit_client)
    run = await audit_client.post("/audit/cross-match-runs", json={"city": "430100"}, headers=OPS)
    assert run.status_code == 200 and run.json()["persons_failed"] == 0
    items = (await audit_client.get(f"/audit/review-items?claim_id={claim['id']}", headers=auth("auditor"))).json()
    assert items == []


async def test_a_new_insured_employment_without_contributions_is_also_a_review_item(
    audit_client: httpx.AsyncClient, insurance_histories: dict[str, dict]
) -> None:
    claim = await paid_claim(audit_client)
    old, new = str(uuid.uuid4()), str(uuid.uuid4())
    # No contribution yet from the new employer, but it enrolled the person on 20 February.
    insurance_histories[claim["person_id"]] = {
        **history(claim["person_id"], (old, "2022-01", "2025-01")),
        "employments": [
            {"employment_id": str(uuid.uuid4()), "employer_id": old, "hired_on": "2022-01-01",
             "enrolled_on": "2022-01-01", "separated_on": "2025-01-05"},
            {"employment_id": str(uuid.uuid4()), "employer_id": new, "hired_on": "2025-02-20",
             "enrolled_on": "2025-02-21", "separated_on": None},
        ],
    }

    run = await audit_client.post("/audit/cross-match-runs", json={"city": "430100", "as_of": "2025-06-01"}, headers=OPS)

    assert run.status_code == 200, run.text
    items = (await audit_client.get(f"/audit/review-items?claim_id={claim['id']}", headers=auth("case_manager"))).json()
    # Benefit month 2 (02-10…03-09) holds the hire; month 3 (03-10…) follows it while it lasts.
    assert sorted((i["benefit_month"], i["overlap_month"], i["source"]) for i in items) == [
        (2, "2025-02", "employment_registration"), (3, "2025-03", "employment_registration")
    ]
    assert {i["employer_id"] for i in items} == {new}
    claim_now = (await audit_client.get(f"/claims/{claim['id']}", headers=auth("case_manager"))).json()
    assert claim_now["status"] == "approved"  # a review item, never an automatic stop
