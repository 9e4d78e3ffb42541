"""Eligibility (R-ELIG-1/2, R-APP-1/2) and the computed entitlement (R-START, R-DUR-1/5, R-DUR-2,
R-AMT-1/2): the issue's worked cases, through the claims API and the service point's preview."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.factories import auth
from tests.services.benefits.factories import (
    add_parameter,
    computed_claim,
    decide,
    evidence,
    open_claim,
    pay_months,
    spell,
)
from contracts.calendar import add_months
from contracts.journey import claimant_journey_id


def conditions(claim_or_preview: dict) -> dict[str, str]:
    return {c["code"]: c["status"] for c in claim_or_preview["eligibility"]["conditions"]}


async def test_eleven_months_of_contributions_is_not_eligible(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    """R-ELIG-1 (1): employer and person must have paid for at least a year."""
    claim = await open_claim(client, evidence=evidence(11))

    assert claim["eligibility"]["outcome"] == "not_eligible"
    assert conditions(claim) == {
        "contributions": "not_met", "involuntary_separation": "met",
        "registered_and_wants_work": "met", "claim_window": "met",
    }
    assert "11 个月" in claim["eligibility"]["conditions"][0]["why"]
    refused = await decide(client, claim["id"])
    assert (refused.status_code, refused.json()["code"]) == (409, "not_eligible")
    assert await conn.fetchval("SELECT status FROM claims WHERE id = $1::uuid", claim["id"]) == "pending_review"


async def test_a_voluntary_quit_is_not_eligible(client: httpx.AsyncClient) -> None:
    """R-ELIG-2: resigning by one's own choice is not 非因本人意愿."""
    claim = await open_claim(client, evidence=evidence(60), separation_reason="voluntary_resignation")

    assert claim["eligibility"]["outcome"] == "not_eligible"
    assert conditions(claim)["involuntary_separation"] == "not_met"
    refused = await decide(client, claim["id"])
    assert (refused.status_code, refused.json()["code"]) == (409, "not_eligible")


async def test_the_case_manager_rejects_with_reasons_and_the_rules(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client, evidence=evidence(11))
    response = await client.post(
        f"/claims/{claim['id']}/decision", json={"approved": False, "reason": "缴费不满一年"}, headers=auth("case_manager")
    )
    assert response.status_code == 200, response.text
    decided = response.json()
    assert (decided["status"], decided["decision_reason"], decided["decided_by"]) == (
        "rejected", "缴费不满一年", "test-case_manager"
    )
    assert decided["decision_rules"][0] == "R-REV-1" and "R-ELIG-1" in decided["decision_rules"]


@pytest.mark.parametrize(("years", "months"), [(3, 12), (7, 18), (12, 24)])
async def test_contribution_years_give_the_national_durations(
    client: httpx.AsyncClient, conn: asyncpg.Connection, years: int, months: int
) -> None:
    """R-DUR-1: 1–<5 years → 12 months, 5–<10 → 18, ≥ 10 → 24 (the sample national table)."""
    claim = await computed_claim(client, contribution_months=12 * years)

    assert (claim["status"], claim["entitlement_months"], claim["base_months"]) == ("approved", months, months)
    assert claim["carried_over_months"] == 0 and claim["entitlement_basis"] == "computed"
    assert claim["benefit_start_date"] == claim["registration_date"]  # R-START
    assert Decimal(claim["monthly_amount"]) == Decimal("1700.00")
    assert {"R-REV-1", "R-ELIG-1", "R-START", "R-DUR-1", "R-AMT-1"} <= set(claim["decision_rules"])
    # The journey is told the computed months.
    signal = await conn.fetchrow(
        "SELECT payload FROM outbox WHERE workflow_id = $1", claimant_journey_id(claim["registration_id"])
    )
    assert signal["payload"]["arg"]["entitlement_months"] == months


async def _first_spell_then_re_employed(
    client: httpx.AsyncClient, person_id: str, years: int, drawn_months: int
) -> dict:
    start = dt.date(2023, 1, 10)
    first = await computed_claim(
        client,
        contribution_months=12 * years,
        person_id=person_id,
        registration_date=start.isoformat(),
        separation_date=(start - dt.timedelta(days=5)).isoformat(),
        claim_date=start.isoformat(),
    )
    # The months drawn are paid (R-DUR-2 counts payments), then re-employment on the first day
    # of the month after them.
    await pay_months(client, first["id"], *range(1, drawn_months + 1))
    stop_on = add_months(start, drawn_months)
    stop = {"reason": "re_employment", "effective_date": stop_on.isoformat(), "evidence_ref": "placement-1"}
    stopped = await client.post(f"/claims/{first['id']}/stop", json=stop, headers=auth("system"))
    assert stopped.status_code == 200, stopped.text
    return first


async def _second_spell(client: httpx.AsyncClient, person_id: str, old_months: int) -> dict:
    """Unemployed again two years later, with 24 months of new contributions."""
    history = evidence(
        old_months + 24,
        [spell("2010-01", "2022-12", old_months), spell("2023-06", "2025-05", 24)],
    )
    return await computed_claim(
        client,
        person_id=person_id,
        registration_date="2025-07-01",
        separation_date="2025-06-20",
        claim_date="2025-07-01",
        evidence=history,
    )


async def test_re_employed_after_5_of_12_months_then_unemployed_again_gets_12_plus_7(
    client: httpx.AsyncClient,
) -> None:
    """R-DUR-2: contribution time restarts (2 new years → 12 months) and the 7 undrawn months carry over."""
    person_id = str(uuid.uuid4())
    first = await _first_spell_then_re_employed(client, person_id, years=3, drawn_months=5)
    assert first["entitlement_months"] == 12

    second = await _second_spell(client, person_id, old_months=36)

    assert (second["base_months"], second["carried_over_months"], second["entitlement_months"]) == (12, 7, 19)
    assert second["previous_claim_id"] == first["id"]
    assert "R-DUR-2" in second["decision_rules"]
    assert any("12 + 7 = 19" in line for line in second["calculation"]["explanation"])


async def test_months_drawn_are_the_months_paid_not_the_calendar(client: httpx.AsyncClient) -> None:
    """R-DUR-2: "drawn" is what the previous claim paid. Stopped five calendar months in, with
    only months 1 and 2 paid (3–5 withheld for missing reports and never paid), 10 months carry
    over, not 7; a claim that paid nothing carries all 12."""
    nothing_paid = str(uuid.uuid4())
    await _first_spell_then_re_employed(client, nothing_paid, years=3, drawn_months=0)
    second = await _second_spell(client, nothing_paid, old_months=36)
    assert (second["carried_over_months"], second["entitlement_months"]) == (12, 24)

    stop = {"reason": "re_employment", "effective_date": "2023-06-10", "evidence_ref": "placement-1"}

    partly = str(uuid.uuid4())
    first = await computed_claim(
        client, contribution_months=36, person_id=partly, registration_date="2023-01-10",
        separation_date="2023-01-05", claim_date="2023-01-10",
    )
    await pay_months(client, first["id"], 1, 2)
    stopped = await client.post(f"/claims/{first['id']}/stop", json=stop, headers=auth("system"))
    assert stopped.status_code == 200, stopped.text
    second = await _second_spell(client, partly, old_months=36)
    assert (second["base_months"], second["carried_over_months"], second["entitlement_months"]) == (12, 10, 22)
    assert any("已领 2/12" in line for line in second["calculation"]["explanation"])


async def test_carried_over_months_are_capped_at_24(client: httpx.AsyncClient) -> None:
    """R-DUR-2: 12 new months + 22 undrawn months → 24, not 34."""
    person_id = str(uuid.uuid4())
    await _first_spell_then_re_employed(client, person_id, years=12, drawn_months=2)

    second = await _second_spell(client, person_id, old_months=144)

    assert (second["base_months"], second["carried_over_months"], second["entitlement_months"]) == (12, 22, 24)


@pytest.mark.parametrize(("option", "eligible"), [("start_month_after_claim", True), ("reject", False)])
async def test_a_claim_on_day_61_follows_the_province_option(
    client: httpx.AsyncClient, option: str, eligible: bool
) -> None:
    """R-APP-1: claim within 60 days; R-APP-2: late claims rejected, or paid from the month after."""
    added = await add_parameter(
        client, area_code="430100", name="late_claim_option", option=option, effective_from="2011-07-01"
    )
    assert added.status_code == 201, added.text
    claim_date = dt.date(2025, 3, 20)
    claim = await open_claim(
        client,
        evidence=evidence(36),
        separation_date=(claim_date - dt.timedelta(days=61)).isoformat(),
        registration_date=(claim_date - dt.timedelta(days=50)).isoformat(),
        claim_date=claim_date.isoformat(),
    )
    window = next(c for c in claim["eligibility"]["conditions"] if c["code"] == "claim_window")
    assert window["rule"] == "R-APP-2" and "61" in window["why"]
    decided = await decide(client, claim["id"])
    if eligible:
        assert decided.status_code == 200, decided.text
        assert decided.json()["benefit_start_date"] == "2025-04-01"
    else:
        assert window["status"] == "not_met"
        assert (decided.status_code, decided.json()["code"]) == (409, "not_eligible")


async def test_day_60_is_inside_the_window(client: httpx.AsyncClient) -> None:
    claim_date = dt.date(2025, 3, 20)
    claim = await open_claim(
        client,
        evidence=evidence(36),
        separation_date=(claim_date - dt.timedelta(days=60)).isoformat(),
        registration_date=(claim_date - dt.timedelta(days=50)).isoformat(),
        claim_date=claim_date.isoformat(),
    )
    assert conditions(claim)["claim_window"] == "met"
    decided = (await decide(client, claim["id"])).json()
    assert decided["benefit_start_date"] == decided["registration_date"]


async def test_a_province_may_grant_fewer_months_per_year(client: httpx.AsyncClient) -> None:
    """R-DUR-5: a city's own table (within the national caps) wins over the province's."""
    table = {
        "area_code": "430100", "effective_from": "2020-01-01", "source": "测试: 市级期限表",
        "bands": [{"min_contribution_years": y, "months": m} for y, m in [(1, 3), (2, 6), (3, 9), (4, 12), (5, 15)]],
    }
    added = await client.post("/policy/durations", json=table, headers=auth("operations"))
    assert added.status_code == 201, added.text

    claim = await computed_claim(client, contribution_months=12 * 3)
    assert claim["entitlement_months"] == 9


async def test_without_evidence_the_contribution_condition_is_unknown(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client)
    assert claim["evidence"] is None
    assert claim["eligibility"]["outcome"] == "unknown"
    assert conditions(claim)["contributions"] == "unknown"
    # Older journeys: the case manager must then give the months (backwards compatibility).
    response = await decide(client, claim["id"])
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        422, "entitlement_months_required", "entitlement_months"
    )


async def test_evidence_can_be_attached_once_then_the_months_are_computed(client: httpx.AsyncClient) -> None:
    claim = await open_claim(client)
    url = f"/claims/{claim['id']}/evidence"
    first = await client.post(url, json=evidence(84), headers=auth("system"))
    again = await client.post(url, json=evidence(84), headers=auth("system"))
    other = await client.post(url, json=evidence(90), headers=auth("system"))

    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["eligibility"]["outcome"] == "eligible"
    assert (other.status_code, other.json()["code"]) == (409, "evidence_exists")
    mismatch = await decide(client, claim["id"], entitlement_months=12)
    assert (mismatch.status_code, mismatch.json()["code"]) == (422, "entitlement_months_mismatch")
    decided = await decide(client, claim["id"], entitlement_months=18)
    assert decided.status_code == 200 and decided.json()["entitlement_months"] == 18


async def test_the_claim_shows_its_review_deadline_and_overdue_flag(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    """R-REV-1: due 10 days after acceptance; overdue while still pending after that."""
    claim = await open_claim(client, evidence=evidence(36))
    assert claim["review_overdue"] is False
    await conn.execute(
        "UPDATE claims SET review_due_at = now() - interval '1 day' WHERE id = $1::uuid", claim["id"]
    )
    late = (await client.get(f"/claims/{claim['id']}", headers=auth("case_manager"))).json()
    assert late["review_overdue"] is True
    queue = (await client.get("/claims?review_overdue=true&limit=200", headers=auth("case_manager"))).json()
    assert claim["id"] in {c["id"] for c in queue} and all(c["review_overdue"] for c in queue)


async def test_a_ratio_of_the_minimum_wage_with_the_dibao_floor(client: httpx.AsyncClient) -> None:
    """R-AMT-2: a share of the minimum wage, never below 低保."""
    await add_parameter(client, area_code="430100", name="minimum_wage", amount="2000.00")
    await add_parameter(client, area_code="430100", name="benefit_ratio_of_minimum_wage", ratio="0.8")
    claim = await computed_claim(client)
    assert Decimal(claim["monthly_amount"]) == Decimal("1600.00")

    await add_parameter(client, area_code="430102", name="benefit_ratio_of_minimum_wage", ratio="0.3")
    floored = await computed_claim(client)
    assert Decimal(floored["monthly_amount"]) == Decimal("850.00")  # the sample 低保 of 430000


async def test_an_amount_not_below_the_minimum_wage_is_refused(client: httpx.AsyncClient) -> None:
    """R-AMT-1: the benefit stays below the local minimum wage."""
    added = await client.post(
        "/policy/benefit-amounts",
        json={"area_code": "430102", "effective_from": "2020-01-01", "monthly_amount": "1930.00", "source": "测试"},
        headers=auth("finance"),
    )
    assert added.status_code == 201, added.text
    claim = await open_claim(client, evidence=evidence(36))
    response = await decide(client, claim["id"])
    assert (response.status_code, response.json()["code"]) == (409, "benefit_amount_not_below_minimum_wage")


async def test_the_preview_tells_a_service_point_months_amount_and_why(client: httpx.AsyncClient) -> None:
    facts = {
        "separation_date": (china_today() - dt.timedelta(days=10)).isoformat(),
        "separation_reason": "employer_dismissal",
        "contribution_months": 7 * 12,
    }
    own = await client.post("/entitlement-previews", json=facts, headers=auth("service_point", "430102"))
    assert own.status_code == 200, own.text
    preview = own.json()
    assert (preview["eligibility"]["outcome"], preview["entitlement_months"]) == ("eligible", 18)
    assert Decimal(preview["monthly_amount"]) == Decimal("1700.00")
    assert any("R-DUR-1" in line for line in preview["explanation"])

    other = await client.post(
        "/entitlement-previews", json={**facts, "district": "430103"}, headers=auth("service_point", "430102")
    )
    assert (other.status_code, other.json()["field"]) == (422, "district")
    short = await client.post(
        "/entitlement-previews", json={**facts, "contribution_months": 11}, headers=auth("service_point", "430102")
    )
    assert short.json()["eligibility"]["outcome"] == "not_eligible" and short.json()["entitlement_months"] is None


async def test_the_preview_for_a_person_counts_the_previous_spell(client: httpx.AsyncClient) -> None:
    person_id = str(uuid.uuid4())
    await _first_spell_then_re_employed(client, person_id, years=3, drawn_months=5)
    response = await client.post(
        "/entitlement-previews",
        json={
            "district": "430102", "person_id": person_id, "separation_date": "2025-06-20",
            "registration_date": "2025-07-01", "claim_date": "2025-07-01",
            "separation_reason": "contract_expired", "contribution_months": 60,
            "spells": [spell("2010-01", "2022-12", 36), spell("2023-06", "2025-05", 24)],
        },
        headers=auth("case_manager"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["entitlement_months"] == 19


@pytest.mark.parametrize(
    ("patch", "code", "field"),
    [
        ({"contribution_months": -1}, "invalid_greater_than_equal", "evidence.contribution_months"),
        ({"spells": [{"first_month": "2024-13", "last_month": "2024-12", "months": 1}]}, "invalid_month", "evidence.spells.0.first_month"),
    ],
)
async def test_bad_evidence_is_refused_with_the_field(
    client: httpx.AsyncClient, patch: dict, code: str, field: str
) -> None:
    from tests.services.benefits.factories import claim_payload

    response = await client.post(
        "/claims", json=claim_payload(evidence={**evidence(12), **patch}), headers=auth("system")
    )
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (code, field)


async def test_the_registration_services_answer_is_accepted_as_is_for_the_same_person(client: httpx.AsyncClient) -> None:
    from tests.services.benefits.factories import claim_payload

    payload = claim_payload()
    history = {**evidence(36), "person_id": payload["person_id"], "last_employer_id": str(uuid.uuid4())}
    ok = await client.post("/claims", json={**payload, "evidence": history}, headers=auth("system"))
    assert ok.status_code == 201, ok.text
    other = claim_payload(evidence={**history, "person_id": str(uuid.uuid4())})
    refused = await client.post("/claims", json=other, headers=auth("system"))
    assert (refused.status_code, refused.json()["code"], refused.json()["field"]) == (
        422, "evidence_person_mismatch", "evidence"
    )


@pytest.mark.parametrize(
    ("patch", "code", "field"),
    [
        ({"separation_date": "2025-03-02", "registration_date": "2025-03-01"}, "registration_before_separation", "separation_date"),
        ({"separation_date": "2025-03-01", "registration_date": "2025-03-05", "claim_date": "2025-02-01"}, "claim_before_separation", "claim_date"),
        ({"registration_date": "2025-02-30"}, "invalid_date_from_datetime_parsing", "registration_date"),
        ({"district": "43010"}, "invalid_district", "district"),
    ],
)
async def test_inconsistent_claim_dates_are_refused(client: httpx.AsyncClient, patch: dict, code: str, field: str) -> None:
    from tests.services.benefits.factories import claim_payload

    response = await client.post("/claims", json=claim_payload(**patch), headers=auth("system"))
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == (code, field)
