"""The 一条龙 timeline from the claimant's point of view, built from the journey's query and the
services' own records (never Temporal's raw history): registration → claim → decision → each
benefit month → job seeker, guidance, training, referrals → placement or end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from contracts.calendar import benefit_month_start, calendar_month
from services.console import labels
from services.console.format import countdown, days_left, money

FINISHED = {"claim_rejected", "reemployed", "entitlement_exhausted", "benefit_stopped", "registration_ended"}


@dataclass(frozen=True)
class Entry:
    on: dt.date | dt.datetime
    title: str
    detail: str = ""
    kind: str = "done"  # done | withheld | stopped | refused | future

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        day = self.on.date() if isinstance(self.on, dt.datetime) else self.on
        return (day, 1 if self.kind == "future" else 0)


@dataclass(frozen=True)
class NextStep:
    action: str
    who: str
    due: Any = None
    due_text: str = ""
    overdue: bool = False


@dataclass
class JourneyRecords:
    """What the services answered for one journey (None: not there, or not visible to this role)."""

    journey: dict[str, Any]
    registration: dict[str, Any]
    claim: dict[str, Any] | None = None
    payments: list[dict[str, Any]] = field(default_factory=list)
    subsidies: list[dict[str, Any]] = field(default_factory=list)
    seeker: dict[str, Any] | None = None
    guidance: list[dict[str, Any]] = field(default_factory=list)
    enrolments: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    placement: dict[str, Any] | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)
    # The claim's written decisions (R-NOTICE-1), oldest first.
    notices: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class JourneyView:
    stage: str
    stage_label: str
    finished: bool
    next_step: NextStep | None
    entries: list[Entry]
    payments: list[dict[str, Any]]
    subsidies: list[dict[str, Any]]


def _date(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(value)
    if "T" in text:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt.date.fromisoformat(text)


def _registration_entries(r: JourneyRecords) -> list[Entry]:
    reg = r.registration
    basis = "参保失业人员" if reg["basis"] == "insured_separation" else "常住地失业登记"
    reason = labels.label(labels.SEPARATION_REASONS, reg.get("separation_reason")) if reg.get("separation_reason") else ""
    entries = [Entry(_date(reg["registration_date"]), "失业登记", f"{basis}，{reg['district']}" + (f"；{reason}" if reason else ""))]
    if reg.get("ended_on"):
        entries.append(Entry(_date(reg["ended_on"]), "失业登记终止",
                             labels.label(labels.SPELL_END_REASONS, reg.get("end_reason")), "stopped"))
    return entries


def _claim_entries(claim: dict[str, Any] | None) -> list[Entry]:
    if claim is None:
        return []
    entries = [Entry(_date(claim["opened_at"]), "受理失业保险金申领", f"申领日期 {claim['claim_date']}")]
    if claim["status"] in ("approved", "stopped") and claim.get("decided_at"):
        detail = f"核定领取 {claim['entitlement_months']} 个月，每月 {money(claim['monthly_amount'])}"
        if claim.get("benefit_start_date"):
            detail += f"，自 {claim['benefit_start_date']} 起"
        entries.append(Entry(_date(claim["decided_at"]), "申领核准", detail))
    elif claim["status"] == "rejected" and claim.get("decided_at"):
        entries.append(Entry(_date(claim["decided_at"]), "申领不予核准", claim.get("decision_reason") or "", "refused"))
    if claim["status"] == "stopped" and claim.get("stop_effective_date"):
        entries.append(Entry(_date(claim["stop_effective_date"]), "停止发放失业保险金",
                             labels.label(labels.STOP_REASONS, claim.get("stop_reason")), "stopped"))
    return entries


def _withheld_months(journey: dict[str, Any]) -> dict[int, str]:
    withheld: dict[int, str] = {}
    for step in journey.get("steps", []):
        if step["event"] == "payment_withheld":
            withheld[int(step["detail"]["benefit_month"])] = step["detail"].get("missing_report_month", "")
    return withheld


def _month_entries(r: JourneyRecords, today: dt.date) -> list[Entry]:
    claim = r.claim
    if claim is None or not claim.get("benefit_start_date") or not claim.get("entitlement_months"):
        return []
    start = dt.date.fromisoformat(claim["benefit_start_date"])
    paid = {p["benefit_month"]: p for p in r.payments if p["kind"] == "benefit"}
    withheld = _withheld_months(r.journey)
    stopped_on = dt.date.fromisoformat(claim["stop_effective_date"]) if claim.get("stop_effective_date") else None
    entries: list[Entry] = []
    shown_next = False
    for month in range(1, int(claim["entitlement_months"]) + 1):
        begins = benefit_month_start(start, month)
        title = f"第 {month} 个月（{calendar_month(begins)}）"
        if month in paid:
            # Dated when it was paid: the claimant reads what happened when, the period in the text.
            p = paid[month]
            entries.append(Entry(_date(p["created_at"]), title,
                                 f"{labels.label(labels.PAYMENT_STATUS, p['status'])} {money(p['amount'])}（待遇期自 {begins.isoformat()} 起）"))
        elif month in withheld and not (stopped_on and begins >= stopped_on):
            entries.append(Entry(begins, title, f"暂停发放：尚未报告 {withheld[month]} 的求职情况（R-MON-1）", "withheld"))
            shown_next = True  # nothing after a withheld month is due before it
        elif stopped_on and begins >= stopped_on:
            entries.append(Entry(begins, title, "已停发", "stopped"))
            break
        elif not shown_next and r.journey.get("stage") == "on_benefit":
            entries.append(Entry(begins, title, "待发放", "future"))
            shown_next = True
    return entries


def _employment_entries(r: JourneyRecords) -> list[Entry]:
    entries: list[Entry] = []
    if r.seeker:
        entries.append(Entry(_date(r.seeker["registered_on"]), "求职登记", r.seeker["district"]))
    for s in r.guidance:
        status = "已参加" if s["status"] in ("attended", "completed") else s["status"]
        entries.append(Entry(_date(s["scheduled_at"]), "职业指导", f"{s['counsellor']}；{status}"))
    for e in r.enrolments:
        detail = "已结业" if e["status"] == "completed" else ("培训中" if e["status"] == "enrolled" else e["status"])
        if e.get("certificate_level"):
            detail += f"，{e['certificate_level']} 级证书"
        entries.append(Entry(_date(e.get("completed_on") or e["created_at"]), "职业培训", detail))
    for ref in r.referrals:
        what = "职业介绍" if ref.get("vacancy_id") else "培训推荐"
        entries.append(Entry(_date(ref["referred_on"]), what, ref["status"],
                             "refused" if ref["status"] == "refused" else "done"))
    for rep in r.reports:
        entries.append(Entry(_date(rep["reported_on"]), "报告求职情况", f"{rep['report_month']}：投递 {rep['applications_made']} 次"))
    if r.placement:
        entries.append(Entry(_date(r.placement["start_date"]), "实现就业", r.placement["employer_name"]))
    return entries


def next_step(r: JourneyRecords, today: dt.date) -> NextStep | None:
    journey, claim = r.journey, r.claim
    stage = journey.get("stage")
    if stage in FINISHED or journey.get("status") not in ("RUNNING", "NOT_STARTED"):
        return None
    if stage == "claim_review" and claim is not None:
        due = claim["review_due_at"]
        left = days_left(due, today)
        return NextStep("审核失业保险金申领", "经办人员", due, countdown(due, today),
                        overdue=bool(claim.get("review_overdue")) or (left is not None and left < 0))
    if journey.get("stop_proposed"):
        return NextStep("确认或驳回停发建议", "经办人员")
    if stage == "on_benefit" and claim is not None and claim.get("benefit_start_date"):
        start = dt.date.fromisoformat(claim["benefit_start_date"])
        month = int(journey.get("months_paid") or 0) + 1
        if month > int(claim.get("entitlement_months") or 0):
            return NextStep("领取期满，终止失业登记", "系统")
        begins = benefit_month_start(start, month)
        required = calendar_month(benefit_month_start(start, month - 1))
        if required not in journey.get("reported_months", []):
            return NextStep(f"报告 {required} 的求职情况（第 {month} 个月发放的条件，R-MON-1）", "失业人员（在服务窗口或网上）",
                            begins, countdown(begins, today))
        return NextStep(f"发放第 {month} 个月失业保险金", "经办机构（系统按月发放）", begins, countdown(begins, today))
    return NextStep(labels.label(labels.NEXT_ACTOR, stage), labels.label(labels.NEXT_ACTOR, stage))


def build(r: JourneyRecords, today: dt.date) -> JourneyView:
    stage = r.journey.get("stage") or "registered"
    entries = _registration_entries(r) + _claim_entries(r.claim) + _month_entries(r, today) + _employment_entries(r)
    entries.sort(key=lambda e: e.sort_key)
    return JourneyView(
        stage=stage, stage_label=labels.label(labels.STAGES, stage), finished=stage in FINISHED,
        next_step=next_step(r, today), entries=entries,
        payments=sorted(r.payments, key=lambda p: (p["benefit_month"], p["kind"])), subsidies=r.subsidies,
    )
