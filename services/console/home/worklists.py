"""The 工作台's worklists: each one a service query and how its lines read. The services decide
who sees what (a service point only its district); a list the role may not read is left out."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from services.console import labels
from services.console.api import ServiceApi, ServiceError
from services.console.approvals import worklist as approvals
from services.console.format import china_day, countdown, days_left, money
from shared.auth.principal import Role

CM, SP, AUD, FIN, OPS = Role.CASE_MANAGER, Role.SERVICE_POINT, Role.AUDITOR, Role.FINANCE, Role.OPERATIONS


@dataclass(frozen=True)
class Line:
    cells: list[str]
    link: str | None
    overdue: bool = False


@dataclass(frozen=True)
class Worklist:
    key: str
    title: str
    service: str
    path: str
    params: dict[str, Any]
    columns: list[str]
    line: Callable[[dict[str, Any], dt.date], Line]
    roles: frozenset[Role]
    hint: str = ""
    # More queries whose lines join the same list: (path, params).
    more: tuple[tuple[str, dict[str, Any]], ...] = ()
    # The field the list is ordered by, most urgent first (a deadline), if not the service's order.
    due_field: str | None = None
    # A list joined from several services (its own queries; ``path``/``params`` then unused).
    load: Callable[[ServiceApi], Awaitable[list[dict[str, Any]]]] | None = None


@dataclass
class Filled:
    worklist: Worklist
    lines: list[Line] = field(default_factory=list)
    overdue: int = 0
    error: str | None = None


def _claim(c: dict[str, Any], today: dt.date) -> Line:
    if c.get("review_paused_since"):  # R-RFI-1: the review clock stands still until the documents are in
        return Line([c.get("applicant", "—"), c["district"], china_day(c["claim_date"]), "等待补正",
                     f"补正期限至 {china_day(c['documents_due_on'])}"], f"/claims/{c['id']}/review")
    left = days_left(c["review_due_at"], today)
    return Line(
        [c.get("applicant", "—"), c["district"], china_day(c["claim_date"]), china_day(c["review_due_at"]),
         countdown(c["review_due_at"], today)],
        f"/claims/{c['id']}/review", overdue=bool(c.get("review_overdue")) or (left is not None and left < 0),
    )


def _stop(p: dict[str, Any], today: dt.date) -> Line:
    reason = "无正当理由拒绝推荐的工作或培训" if p["reason"] == "refused_offers" else p["reason"]
    return Line([reason, f"{p['refusals_counted']} / {p['threshold']}", china_day(p["event_date"]),
                 china_day(p["created_at"])], f"/stop-proposals/{p['id']}")


def _overpayment(o: dict[str, Any], today: dt.date) -> Line:
    return Line([f"第 {o['benefit_month']} 个月", labels.label(labels.PAYMENT_KIND, o.get("kind")), money(o["amount"]),
                 o.get("rule", "—"), china_day(o["created_at"])],
                f"/claims/{o['claim_id']}/overpayments/{o['id']}")


def _audit(i: dict[str, Any], today: dt.date) -> Line:
    return Line([i["source"], i["overlap_month"], f"第 {i['benefit_month']} 个月", china_day(i["detected_at"])],
                f"/audit/review-items/{i['id']}")


def _employer(e: dict[str, Any], today: dt.date) -> Line:
    due = e.get("review_due_on")
    left = days_left(due, today)
    return Line([e["name"], e["district"], labels.label(labels.EMPLOYER_STATUS, e["status"]),
                 china_day(e.get("accepted_on")), china_day(due), countdown(due, today) if due else "待受理"],
                f"/employers/{e['id']}", overdue=bool(e.get("review_overdue")) or (left is not None and left < 0))


def _withheld(w: dict[str, Any], today: dt.date) -> Line:
    return Line([w.get("district", "—"), f"第 {w['benefit_month']} 个月", china_day(w.get("period_start")),
                 w.get("missing_report_month") or w.get("reason") or "—"], f"/claims/{w['claim_id']}/review")


def _payment_hold(h: dict[str, Any], today: dt.date) -> Line:
    from services.console.holds.routes import reasons_text  # R-HOLD-1's reasons in Chinese

    return Line([h["district"], f"第 {h['benefit_month']} 个月", labels.label(labels.PAYMENT_KIND, h.get("kind")),
                 money(h["amount"]), reasons_text(h["reasons"]), china_day(h["held_at"])], f"/payment-holds/{h['id']}")


def _appeal(a: dict[str, Any], today: dt.date) -> Line:
    from services.console.appeals.routes import KINDS  # R-APPEAL-1's kinds in Chinese

    due = a["reply_due_on"] if a.get("days_left") is not None else None
    return Line([KINDS.get(a["kind"], a["kind"]), a["body"], a["case_number"], china_day(a["received_on"]),
                 china_day(a["reply_due_on"]), countdown(due, today) if due else "已提交答复"],
                f"/appeals/{a['id']}", overdue=bool(a.get("escalated")))


def _revoked_stop(r: dict[str, Any], today: dt.date) -> Line:
    """R-APPEAL-1 with R-STOP-1: the person is to register again (the stop had ended the spell)."""
    waive = f"{r['stop_overpayments_proposed']} 笔 {money(r['stop_overpayments_total'])}" if r["stop_overpayments_proposed"] else "无"
    return Line([r["case_number"], labels.label(labels.STOP_REASONS, r["stop_reason"]), china_day(r["stop_effective_date"]),
                 f"{r['months_drawn']} / {r['months_left']}", waive, china_day(r["outcome_received_on"])],
                f"/journeys/{r['registration_id']}")


def _first_offer(f: dict[str, Any], today: dt.date) -> Line:
    what = "职业培训" if f.get("_path", "").startswith("/training") else "职业指导"
    return Line([what, f["district"], china_day(f["registered_on"]), china_day(f["due_on"]), countdown(f["due_on"], today)],
                f"/job-seekers/{f['job_seeker_id']}", overdue=bool(f.get("overdue")))


WORKLISTS: tuple[Worklist, ...] = (
    Worklist("claims", "待审核的失业保险金申领", "benefits", "/claims", {"status": "pending_review", "limit": 100},
             ["申请人", "区县", "申领日期", "审核期限", "倒计时"], _claim, frozenset({CM, AUD}),
             "R-REV-1：自受理之日起 10 日内作出核定", due_field="review_due_at"),
    Worklist("stop-proposals", "待确认的停发建议", "employment", "/stop-proposals", {"status": "open", "limit": 100},
             ["事由", "拒绝次数 / 阈值", "事件日期", "提出时间"], _stop, frozenset({CM})),
    Worklist("overpayments", "待处理的多发待遇", "benefits", "/overpayments", {"status": "proposed", "limit": 100},
             ["月份", "项目", "金额", "依据", "发现时间"], _overpayment, frozenset({CM, AUD})),
    Worklist("audit", "稽核疑点", "benefits", "/audit/review-items", {"status": "open"},
             ["来源", "重叠月份", "待遇月份", "发现时间"], _audit, frozenset({CM, AUD})),
    Worklist("employers", "待审核的参保单位登记", "registration", "/employers", {"status": "submitted", "limit": 100},
             ["单位名称", "区县", "状态", "受理日期", "审核期限", "倒计时"], _employer, frozenset({CM, SP}),
             "自受理之日起按工作日计算审核期限（R-REG-1）", more=(("/employers", {"status": "under_review", "limit": 100}),),
             due_field="review_due_on"),
    Worklist("withheld", "因未报告求职情况暂停发放的月份", "benefits", "/payments/withheld", {"limit": 100},
             ["区县", "待遇月份", "起始日期", "缺少报告的月份"], _withheld, frozenset({CM, SP, FIN})),
    Worklist("payment-holds", "暂停发放待处理的支付指令", "benefits", "/payment-holds", {"status": "held", "limit": 100},
             ["区县", "待遇月份", "项目", "金额", "暂停原因", "暂停时间"], _payment_hold, frozenset({CM, FIN}),
             "R-HOLD-1：由经办人员放行或取消"),
    # The service orders it, the replies most urgently due first; a close one is escalated.
    Worklist("appeals", "复议答复期限", "benefits", "/appeals", {"status": "open", "limit": 100},
             ["类型", "复议机关/法院", "案号", "收到副本", "答复期限", "倒计时"], _appeal, frozenset({CM, SP, AUD}),
             "R-APPEAL-1：自收到申请书副本之日起 10 日内提交书面答复和证据"),
    Worklist("revoked-stops", "撤销停发待重新登记", "benefits", "/appeals/revoked-stops", {"limit": 100},
             ["案号", "停发原因", "停发日期", "已领 / 剩余月数", "停发时拟追回（待放弃）", "收到撤销决定"], _revoked_stop,
             frozenset({CM, SP}), "R-APPEAL-1：停发决定已撤销；停发时失业登记已注销，请为其重新办理失业登记，"
             "新申领接续未领月数（R-DUR-2），停发起的月份和拟追回款项由经办人员处理"),
    # R-CTRL-1: what others prepared, for a second person (finance: the payroll runs' release).
    Worklist("approvals", "待复核", "benefits", "/approvals", {}, approvals.COLUMNS, approvals.line, frozenset({CM}),
             "R-CTRL-1：经办与复核分离，本人经办的事项由他人复核", load=approvals.for_case_managers),
    Worklist("approvals-release", "待复核", "benefits", "/approvals",
             {**approvals.QUERY, "kind": "payroll_release"}, approvals.COLUMNS, approvals.line, frozenset({FIN}),
             "R-CTRL-1：发放批次经另一名财务人员复核放行后，方可下载银行代发文件"),
    Worklist("first-offers", "到期的首次职业指导和培训服务", "employment", "/guidance/first-offers-due", {"limit": 100},
             ["服务", "区县", "求职登记日期", "应提供日期", "倒计时"], _first_offer, frozenset({CM, SP}),
             more=(("/training/first-offers-due", {"limit": 100}),), due_field="due_on"),
)
BY_KEY = {w.key: w for w in WORKLISTS}


def for_role(role: Role) -> list[Worklist]:
    return [w for w in WORKLISTS if role in w.roles]


async def fill(api: ServiceApi, worklist: Worklist, today: dt.date) -> Filled | None:
    """The worklist's lines; None when the service does not let this role read it."""
    queries = ((worklist.path, worklist.params), *worklist.more)
    try:
        if worklist.load is not None:
            items = await worklist.load(api)
        else:
            answers = await asyncio.gather(*(api.get(worklist.service, path, **params) for path, params in queries))
            items = [item | {"_path": path} for (path, _), answer in zip(queries, answers, strict=True) for item in answer]
    except ServiceError as exc:
        if exc.status in (403, 404, 405):
            return None
        return Filled(worklist, error=exc.message)
    if worklist.due_field:
        # Soonest deadline first (ISO dates and instants sort as text); none yet (not accepted) last.
        items.sort(key=lambda item: (item.get(worklist.due_field) is None, item.get(worklist.due_field) or ""))
    if worklist.key == "claims":
        await _name_applicants(api, items)
    lines = [worklist.line(item, today) for item in items]
    return Filled(worklist, lines, overdue=sum(1 for line in lines if line.overdue))


async def _name_applicants(api: ServiceApi, claims: list[dict[str, Any]]) -> None:
    """Each claim's applicant as the registration service shows them to this person (masked)."""

    async def one(claim: dict[str, Any]) -> None:
        try:
            registration = await api.get("registration", f"/unemployment-registrations/{claim['registration_id']}")
            claim["applicant"] = registration["name_masked"]
        except ServiceError:
            claim["applicant"] = "—"

    await asyncio.gather(*(one(c) for c in claims[:50]))
