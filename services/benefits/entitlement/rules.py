"""The eligibility and entitlement rules, one small function each, on values already read (no I/O):
an eligibility rule returns its ``Condition`` (met / not met / unknown, and why), an entitlement
rule an ``Explained`` value (the rule IDs that set it and the lines that explain it). The texts
are the ones the answer gives a person; ``assessment.assess`` composes the rules in their order."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Generic, TypeVar

import asyncpg

from contracts.calendar import YearMonth
from services.benefits.entitlement.schemas import INVOLUNTARY, ClaimEvidence, ConditionStatus
from services.benefits.policy.service import MonthlyAmount

NATIONAL_MAX_MONTHS = 24  # R-DUR-2: the carried-over total never exceeds 24 months.
DURATION_RULES = ("R-DUR-1", "R-DUR-5")

T = TypeVar("T")


@dataclass(frozen=True)
class Condition:
    """An eligibility rule's outcome: its condition on the claim and why (a line of the answer's
    ``eligibility.conditions``)."""

    code: str
    rule: str
    status: ConditionStatus
    why: str


@dataclass(frozen=True)
class Explained(Generic[T]):
    """An entitlement rule's outcome: the value it set, its rule IDs and its lines of explanation."""

    value: T
    rules: tuple[str, ...] = ()
    explanation: tuple[str, ...] = ()


# --- eligibility (R-ELIG-1/2, R-APP-1/2) -------------------------------------------------------


def contributions(evidence: ClaimEvidence | None, minimum_months: int) -> Condition:
    """R-ELIG-1 (1): insured, employer and person paid ≥ 1 year (a parameter, 12 months nationally)."""
    if evidence is None:
        return Condition(
            "contributions", "R-ELIG-1", ConditionStatus.UNKNOWN,
            "缺少登记服务提供的缴费记录证据, 无法判断是否缴费满一年",
        )
    paid = evidence.contribution_months
    if paid >= minimum_months:
        return Condition(
            "contributions", "R-ELIG-1", ConditionStatus.MET,
            f"单位和本人已累计缴费 {paid} 个月, 不少于 {minimum_months} 个月",
        )
    return Condition(
        "contributions", "R-ELIG-1", ConditionStatus.NOT_MET,
        f"单位和本人累计缴费 {paid} 个月, 不满 {minimum_months} 个月",
    )


def involuntary_separation(reason: str) -> Condition:
    """R-ELIG-1 (2) / R-ELIG-2: employment ended not by the person's own will."""
    if reason in INVOLUNTARY:
        return Condition(
            "involuntary_separation", "R-ELIG-2", ConditionStatus.MET,
            f"离职原因 {reason} 属于非因本人意愿中断就业",
        )
    if reason == "voluntary_resignation":
        return Condition(
            "involuntary_separation", "R-ELIG-2", ConditionStatus.NOT_MET, "本人自愿离职, 不属于非因本人意愿中断就业",
        )
    return Condition(
        "involuntary_separation", "R-ELIG-2", ConditionStatus.UNKNOWN,
        f"离职原因代码 {reason} 不在 R-ELIG-2 代码表中, 须人工核实",
    )


def registered_and_wants_work(registration_date: dt.date) -> Condition:
    """R-ELIG-1 (3): unemployment registration done (which requires wanting work, R-UREG-1)."""
    return Condition(
        "registered_and_wants_work", "R-ELIG-1", ConditionStatus.MET,
        f"已于 {registration_date} 办理失业登记并有求职要求 (R-UREG-1)",
    )


def month_after(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s (R-APP-2)."""
    return YearMonth.of(day).plus(1).first_day


def claim_window(days: int, window_days: int, late_option: str | None, claim_date: dt.date) -> Condition:
    """R-APP-1/2: the claim within ``window_days`` of the end of the labour contract; a late claim
    (``late_option`` read only then) is refused or paid from the month after the claim."""
    if days <= window_days:
        return Condition(
            "claim_window", "R-APP-1", ConditionStatus.MET,
            f"终止劳动合同后第 {days} 天申领, 在 {window_days} 日内",
        )
    if late_option == "reject":
        return Condition(
            "claim_window", "R-APP-2", ConditionStatus.NOT_MET,
            f"终止劳动合同后第 {days} 天申领, 超过 {window_days} 日; 本省规定逾期不予受理",
        )
    return Condition(
        "claim_window", "R-APP-2", ConditionStatus.MET,
        f"终止劳动合同后第 {days} 天申领, 超过 {window_days} 日; 本省规定自申领次月 {month_after(claim_date)} 起发放",
    )


def entitlement(total_months: int) -> Condition | None:
    """R-DUR-1: eligible, yet no month to draw (under a year of contributions, nothing carried)."""
    if total_months:
        return None
    return Condition("entitlement", "R-DUR-1", ConditionStatus.NOT_MET, "没有可领取的失业保险金月数")


# --- entitlement (R-START, R-DUR-1/5, R-DUR-2, R-AMT-1/2) --------------------------------------


def benefit_start(registration_date: dt.date, late_claim_date: dt.date | None) -> Explained[dt.date]:
    """R-START: from the registration date, or the month after a late claim (R-APP-2)."""
    start = registration_date if late_claim_date is None else max(registration_date, month_after(late_claim_date))
    return Explained(start, ("R-START",), (f"待遇自 {start} 起计 (R-START)",))


@dataclass(frozen=True)
class PreviousSpell:
    """The person's previous claim (R-DUR-2): its months, those drawn, and when it ended."""

    claim_id: uuid.UUID
    entitlement_months: int
    drawn: int
    ended_on: dt.date


@dataclass(frozen=True)
class CarryOver:
    carried_months: int
    contribution_months: int  # counted again after the previous spell when the evidence allows
    previous_claim_id: uuid.UUID | None = None


def carry_over(evidence: ClaimEvidence, previous: PreviousSpell | None) -> Explained[CarryOver]:
    """R-DUR-2: months not drawn in the previous spell carry over; contribution time restarts."""
    if previous is None:
        return Explained(CarryOver(0, evidence.contribution_months))
    carried = max(previous.entitlement_months - previous.drawn, 0)
    drawn = f"上次失业已领 {previous.drawn}/{previous.entitlement_months} 个月, 结余 {carried} 个月;"
    if evidence.spells:
        months = contribution_months_since(evidence, previous.ended_on)
        line = f"{drawn} 重新就业后缴费时间重新计算: {months} 个月 (R-DUR-2)"
    else:
        months = evidence.contribution_months
        line = f"{drawn} 证据无缴费明细, 按累计 {months} 个月计 (R-DUR-2)"
    return Explained(CarryOver(carried, months, previous.claim_id), ("R-DUR-2",), (line,))


def contribution_months_since(evidence: ClaimEvidence, since: dt.date) -> int:
    """R-DUR-2: after a previous spell contribution time restarts: count months from ``since``'s
    month on, spell by spell (a spell's months never exceed the part of it after the cut)."""
    cut = YearMonth.of(since)
    total = 0
    for spell in evidence.spells:
        first, last = YearMonth.parse(spell.first_month), YearMonth.parse(spell.last_month)
        if last < cut:
            continue
        span_after = max(first, cut).months_until(last) + 1
        total += min(spell.months, span_after)
    return total


def base_months(contribution_months: int, band: asyncpg.Record | None) -> Explained[int]:
    """R-DUR-1/5: the band of the table in force for the completed contribution years (``band``
    is None only under a year)."""
    if band is None:
        return Explained(
            0, DURATION_RULES, (f"本次缴费 {contribution_months} 个月, 不满一年, 本次无新增期限 (R-DUR-1)",)
        )
    line = (
        f"缴费 {contribution_months} 个月 (满 {contribution_months // 12} 年), 期限表 {band['area_code']} 自"
        f" {band['effective_from']} 满 {band['min_contribution_years']} 年档: {band['months']} 个月 (R-DUR-1/5)"
    )
    return Explained(band["months"], DURATION_RULES, (line,))


def total_months(base: int, carried: int) -> Explained[int]:
    """R-DUR-2: the new months plus those carried over, at most 24."""
    total = min(base + carried, NATIONAL_MAX_MONTHS)
    if base + carried > NATIONAL_MAX_MONTHS:
        return Explained(total, (), (f"{base} + {carried} = {base + carried} 个月, 合计不超过 24 个月 (R-DUR-2)",))
    if carried:
        return Explained(total, (), (f"{base} + {carried} = {total} 个月 (R-DUR-2)",))
    return Explained(total)


def monthly_amount(amount: MonthlyAmount) -> Explained[MonthlyAmount]:
    """R-AMT-1/2: the amount policy.service derived from the rows in force, with its explanation."""
    return Explained(amount, ("R-AMT-1", "R-AMT-2"), tuple(amount.explanation))
