"""Eligibility (R-ELIG-1/2, R-APP-1/2) and entitlement (R-START, R-DUR-1/5, R-DUR-2, R-AMT-1/2)
from a claim's facts and the policy rows in force. The same computation serves the service
point's preview, the claim's eligibility on opening and the case manager's decision."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import asyncpg

from services.benefits.entitlement.schemas import (
    INVOLUNTARY,
    ClaimEvidence,
    ConditionStatus,
    EligibilityRead,
    EntitlementRead,
)
from services.benefits.entitlement import repository
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import (
    PolicyRefs,
    missing_policy,
    monthly_benefit_amount,
    parameter,
)
from contracts.calendar import benefit_month_start

NATIONAL_MAX_MONTHS = 24  # R-DUR-2: the carried-over total never exceeds 24 months.


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
class Condition:
    code: str
    rule: str
    status: ConditionStatus
    why: str


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


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def contribution_months_since(evidence: ClaimEvidence, since: dt.date) -> int:
    """R-DUR-2: after a previous spell contribution time restarts: count months from ``since``'s
    month on, spell by spell (a spell's months never exceed the part of it after the cut)."""
    cut = since.year * 12 + since.month - 1
    total = 0
    for spell in evidence.spells:
        first, last = _month_index(spell.first_month), _month_index(spell.last_month)
        if last < cut:
            continue
        span_after = last - max(first, cut) + 1
        total += min(spell.months, span_after)
    return total


async def _previous_claim(conn: asyncpg.Connection, facts: ClaimFacts) -> asyncpg.Record | None:
    if facts.person_id is None:
        return None
    return await repository.previous_claim(conn, facts.person_id, facts.claim_id, facts.registration_date)


async def assess(conn: asyncpg.Connection, facts: ClaimFacts, *, compute_amount: bool = True) -> Assessment:
    refs = PolicyRefs()
    on = facts.registration_date
    conditions: list[Condition] = []
    result = Assessment(conditions=conditions, refs=refs)

    # R-ELIG-1 (1): insured, employer and person paid ≥ 1 year (a parameter, 12 months nationally).
    minimum = await parameter(conn, facts.district, ParameterName.MIN_CONTRIBUTION_MONTHS, on, refs)
    if facts.evidence is None:
        conditions.append(Condition(
            "contributions", "R-ELIG-1", ConditionStatus.UNKNOWN,
            "缺少登记服务提供的缴费记录证据, 无法判断是否缴费满一年",
        ))
    elif facts.evidence.contribution_months >= minimum["count"]:
        conditions.append(Condition(
            "contributions", "R-ELIG-1", ConditionStatus.MET,
            f"单位和本人已累计缴费 {facts.evidence.contribution_months} 个月, 不少于 {minimum['count']} 个月",
        ))
    else:
        conditions.append(Condition(
            "contributions", "R-ELIG-1", ConditionStatus.NOT_MET,
            f"单位和本人累计缴费 {facts.evidence.contribution_months} 个月, 不满 {minimum['count']} 个月",
        ))

    # R-ELIG-1 (2) / R-ELIG-2: employment ended not by the person's own will.
    if facts.separation_reason in INVOLUNTARY:
        conditions.append(Condition(
            "involuntary_separation", "R-ELIG-2", ConditionStatus.MET,
            f"离职原因 {facts.separation_reason} 属于非因本人意愿中断就业",
        ))
    elif facts.separation_reason == "voluntary_resignation":
        conditions.append(Condition(
            "involuntary_separation", "R-ELIG-2", ConditionStatus.NOT_MET, "本人自愿离职, 不属于非因本人意愿中断就业",
        ))
    else:
        conditions.append(Condition(
            "involuntary_separation", "R-ELIG-2", ConditionStatus.UNKNOWN,
            f"离职原因代码 {facts.separation_reason} 不在 R-ELIG-2 代码表中, 须人工核实",
        ))

    # R-ELIG-1 (3): unemployment registration done (which requires wanting work, R-UREG-1).
    conditions.append(Condition(
        "registered_and_wants_work", "R-ELIG-1", ConditionStatus.MET,
        f"已于 {facts.registration_date} 办理失业登记并有求职要求 (R-UREG-1)",
    ))

    # R-APP-1/2: the 60-day window from the end of the labour contract; late claims per option.
    window = await parameter(conn, facts.district, ParameterName.CLAIM_WINDOW_DAYS, on, refs)
    days = (facts.claim_date - facts.separation_date).days
    start = facts.registration_date  # R-START
    if days <= window["count"]:
        conditions.append(Condition(
            "claim_window", "R-APP-1", ConditionStatus.MET,
            f"终止劳动合同后第 {days} 天申领, 在 {window['count']} 日内",
        ))
    else:
        option = await parameter(conn, facts.district, ParameterName.LATE_CLAIM_OPTION, on, refs)
        if option["option"] == "reject":
            conditions.append(Condition(
                "claim_window", "R-APP-2", ConditionStatus.NOT_MET,
                f"终止劳动合同后第 {days} 天申领, 超过 {window['count']} 日; 本省规定逾期不予受理",
            ))
        else:
            month_after = (facts.claim_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            start = max(start, month_after)
            conditions.append(Condition(
                "claim_window", "R-APP-2", ConditionStatus.MET,
                f"终止劳动合同后第 {days} 天申领, 超过 {window['count']} 日; 本省规定自申领次月 {month_after} 起发放",
            ))
    result.rules = ["R-ELIG-1", "R-ELIG-2", "R-APP-1"] + (["R-APP-2"] if days > window["count"] else [])
    if result.outcome != "eligible":
        return result
    assert facts.evidence is not None

    # R-START: from the registration date (or the month after a late claim, R-APP-2).
    result.benefit_start_date = start
    result.rules.append("R-START")
    result.explanation.append(f"待遇自 {start} 起计 (R-START)")

    # R-DUR-2: months not drawn in the previous spell carry over; contribution time restarts.
    previous = await _previous_claim(conn, facts)
    contribution_months = facts.evidence.contribution_months
    carried = 0
    if previous is not None:
        prev_end = previous["stop_effective_date"] or facts.registration_date
        drawn = min(await repository.benefit_months_drawn(conn, previous["id"]), previous["entitlement_months"])
        carried = max(previous["entitlement_months"] - drawn, 0)
        result.previous_claim_id = previous["id"]
        if facts.evidence.spells:
            contribution_months = contribution_months_since(facts.evidence, prev_end)
            result.explanation.append(
                f"上次失业已领 {drawn}/{previous['entitlement_months']} 个月, 结余 {carried} 个月;"
                f" 重新就业后缴费时间重新计算: {contribution_months} 个月 (R-DUR-2)"
            )
        else:
            result.explanation.append(
                f"上次失业已领 {drawn}/{previous['entitlement_months']} 个月, 结余 {carried} 个月;"
                f" 证据无缴费明细, 按累计 {contribution_months} 个月计 (R-DUR-2)"
            )
        result.rules.append("R-DUR-2")

    # R-DUR-1/5: the band for the completed contribution years in the table in force.
    years = contribution_months // 12
    band = await policy_repository.duration_band_in_force(conn, facts.district, on, years) if years else None
    if band is None and years:
        raise missing_policy("duration_table", facts.district, on)
    base = band["months"] if band is not None else 0
    if band is not None:
        refs.duration_ids.append(band["id"])
        result.duration_policy_id = band["id"]
        result.explanation.append(
            f"缴费 {contribution_months} 个月 (满 {years} 年), 期限表 {band['area_code']} 自"
            f" {band['effective_from']} 满 {band['min_contribution_years']} 年档: {base} 个月 (R-DUR-1/5)"
        )
    else:
        result.explanation.append(f"本次缴费 {contribution_months} 个月, 不满一年, 本次无新增期限 (R-DUR-1)")
    result.rules += ["R-DUR-1", "R-DUR-5"]
    total = min(base + carried, NATIONAL_MAX_MONTHS)
    if base + carried > NATIONAL_MAX_MONTHS:
        result.explanation.append(f"{base} + {carried} = {base + carried} 个月, 合计不超过 24 个月 (R-DUR-2)")
    elif carried:
        result.explanation.append(f"{base} + {carried} = {total} 个月 (R-DUR-2)")
    result.base_months, result.carried_over_months, result.entitlement_months = base, carried, total
    if total == 0:
        conditions.append(Condition(
            "entitlement", "R-DUR-1", ConditionStatus.NOT_MET, "没有可领取的失业保险金月数",
        ))
        return result

    if compute_amount:
        amount = await monthly_benefit_amount(conn, facts.district, start, refs)
        result.monthly_amount, result.amount_policy_id = amount.amount, amount.amount_policy_id
        result.explanation += amount.explanation
        result.rules += ["R-AMT-1", "R-AMT-2"]
    return result
