"""Eligibility (R-ELIG-1/2, R-APP-1/2) and entitlement (R-START, R-DUR-1/5, R-DUR-2, R-AMT-1/2)
from a claim's facts and the policy rows in force. The same computation serves the service
point's preview, the claim's eligibility on opening and the case manager's decision.

``assess`` reads the policy rows in force and the person's previous claim, and composes the rules
of ``entitlement/rules.py`` (one small function each, returning its outcome with its explanation)
in the order the answer lists them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import asyncpg

from contracts.calendar import benefit_month_start
from services.benefits.entitlement import repository, rules
from services.benefits.entitlement.rules import Condition, Explained, PreviousSpell
from services.benefits.entitlement.schemas import (
    ClaimEvidence,
    ConditionStatus,
    EligibilityRead,
    EntitlementRead,
)
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import (
    PolicyRefs,
    missing_policy,
    monthly_benefit_amount,
    parameter,
)


@dataclass(frozen=True)
class ClaimFacts:
    district: str
    registration_date: dt.date
    separation_date: dt.date
    separation_reason: str
    claim_date: dt.date
    evidence: ClaimEvidence | None
    person_id: uuid.UUID | None = None
    claim_id: uuid.UUID | None = None  # excluded from "previous claims"


@dataclass
class Assessment:
    conditions: list[Condition]
    benefit_start_date: dt.date | None = None
    base_months: int | None = None
    carried_over_months: int | None = None
    previous_claim_id: uuid.UUID | None = None
    entitlement_months: int | None = None
    monthly_amount: Decimal | None = None
    amount_policy_id: int | None = None
    duration_policy_id: int | None = None
    rules: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    refs: PolicyRefs = field(default_factory=PolicyRefs)

    @property
    def outcome(self) -> str:
        statuses = {c.status for c in self.conditions}
        if ConditionStatus.NOT_MET in statuses:
            return "not_eligible"
        if ConditionStatus.UNKNOWN in statuses:
            return "unknown"
        return "eligible"

    def eligibility(self) -> EligibilityRead:
        return EligibilityRead.model_validate(
            {"outcome": self.outcome, "conditions": [c.__dict__ for c in self.conditions]}
        )

    def eligibility_json(self) -> dict[str, Any]:
        return self.eligibility().model_dump(mode="json")

    def calculation_json(self) -> dict[str, Any]:
        return {
            "rules": self.rules,
            "explanation": self.explanation,
            "policy_rows": self.refs.as_dict(),
            "base_months": self.base_months,
            "carried_over_months": self.carried_over_months,
            "previous_claim_id": str(self.previous_claim_id) if self.previous_claim_id else None,
        }

    def record(self, *outcomes: Explained[Any]) -> None:
        """The rules' IDs and explanations, in the order the rules were applied."""
        for outcome in outcomes:
            self.rules += outcome.rules
            self.explanation += outcome.explanation

    def read(self) -> EntitlementRead:
        return EntitlementRead(
            eligibility=self.eligibility(),
            benefit_start_date=self.benefit_start_date,
            base_months=self.base_months,
            carried_over_months=self.carried_over_months,
            previous_claim_id=self.previous_claim_id,
            entitlement_months=self.entitlement_months,
            monthly_amount=self.monthly_amount,
            rules=self.rules,
            explanation=self.explanation,
        )


def months_started_before(start: dt.date, entitlement_months: int, end: dt.date) -> int:
    """Benefit months (R-START counting) that had begun before ``end``: the months drawn."""
    return sum(1 for m in range(1, entitlement_months + 1) if benefit_month_start(start, m) < end)


@dataclass(frozen=True)
class Eligibility:
    conditions: tuple[Condition, ...]
    late: bool  # R-APP-2: claimed after the window (refused, or paid from the month after the claim)

    @property
    def rules(self) -> list[str]:
        return ["R-ELIG-1", "R-ELIG-2", "R-APP-1"] + (["R-APP-2"] if self.late else [])


async def _eligibility(conn: asyncpg.Connection, facts: ClaimFacts, refs: PolicyRefs) -> Eligibility:
    """R-ELIG-1/2 and R-APP-1/2 on the parameters in force on the registration date."""
    on = facts.registration_date
    minimum = await parameter(conn, facts.district, ParameterName.MIN_CONTRIBUTION_MONTHS, on, refs)
    window = await parameter(conn, facts.district, ParameterName.CLAIM_WINDOW_DAYS, on, refs)
    days = (facts.claim_date - facts.separation_date).days
    late = days > window["count"]
    option = None
    if late:
        option = (await parameter(conn, facts.district, ParameterName.LATE_CLAIM_OPTION, on, refs))["option"]
    return Eligibility(
        conditions=(
            rules.contributions(facts.evidence, minimum["count"]),
            rules.involuntary_separation(facts.separation_reason),
            rules.registered_and_wants_work(facts.registration_date),
            rules.claim_window(days, window["count"], option, facts.claim_date),
        ),
        late=late,
    )


async def _previous_spell(conn: asyncpg.Connection, facts: ClaimFacts) -> PreviousSpell | None:
    """R-DUR-2: the person's previous claim and the benefit months it drew."""
    if facts.person_id is None:
        return None
    previous = await repository.previous_claim(conn, facts.person_id, facts.claim_id, facts.registration_date)
    if previous is None:
        return None
    drawn = await repository.benefit_months_drawn(conn, previous["id"])
    return PreviousSpell(
        claim_id=previous["id"],
        entitlement_months=previous["entitlement_months"],
        drawn=min(drawn, previous["entitlement_months"]),
        ended_on=previous["stop_effective_date"] or facts.registration_date,
    )


async def _duration_band(
    conn: asyncpg.Connection, facts: ClaimFacts, contribution_months: int, refs: PolicyRefs
) -> asyncpg.Record | None:
    """R-DUR-1/5: the band in force for the completed years; None under a year."""
    years = contribution_months // 12
    if not years:
        return None
    on = facts.registration_date
    band = await policy_repository.duration_band_in_force(conn, facts.district, on, years)
    if band is None:
        raise missing_policy("duration_table", facts.district, on)
    refs.duration_ids.append(band["id"])
    return band


async def assess(conn: asyncpg.Connection, facts: ClaimFacts, *, compute_amount: bool = True) -> Assessment:
    refs = PolicyRefs()
    eligibility = await _eligibility(conn, facts, refs)
    result = Assessment(conditions=list(eligibility.conditions), rules=eligibility.rules, refs=refs)
    if result.outcome != "eligible":
        return result
    assert facts.evidence is not None
    start = rules.benefit_start(facts.registration_date, facts.claim_date if eligibility.late else None)
    carry = rules.carry_over(facts.evidence, await _previous_spell(conn, facts))
    band = await _duration_band(conn, facts, carry.value.contribution_months, refs)
    base = rules.base_months(carry.value.contribution_months, band)
    total = rules.total_months(base.value, carry.value.carried_months)
    result.record(start, carry, base, total)
    result.benefit_start_date = start.value
    result.previous_claim_id = carry.value.previous_claim_id
    result.duration_policy_id = band["id"] if band is not None else None
    result.base_months, result.carried_over_months = base.value, carry.value.carried_months
    result.entitlement_months = total.value
    blocking = rules.entitlement(total.value)
    if blocking is not None:
        result.conditions.append(blocking)
        return result
    if compute_amount:
        amount = rules.monthly_amount(await monthly_benefit_amount(conn, facts.district, start.value, refs))
        result.record(amount)
        result.monthly_amount, result.amount_policy_id = amount.value.amount, amount.value.amount_policy_id
    return result
