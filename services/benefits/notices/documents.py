"""What each written decision says (R-NOTICE-1): the facts, the decision and its legal basis, built
from the records the decision wrote. The law's articles per rule ID are 社会保险法's (R-APPEAL-1:
art. 83 for the appeal rights)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import asyncpg

from contracts.calendar import add_months
from services.benefits.notices.render import NoticeDocument, china_date_text, money
from contracts.benefit_labels import DOCUMENT_KINDS, STOP_REASONS, SUBSIDY_KINDS
from shared.notices.render import APPEAL_LAW

# The article of 社会保险法 (or of 失业保险条例) each rule family applies.
LAW = {
    "R-ELIG": "《中华人民共和国社会保险法》第四十五条（领取失业保险金的条件）",
    "R-APP": "《中华人民共和国社会保险法》第五十条（失业登记与申领）",
    "R-START": "《中华人民共和国社会保险法》第五十条（领取期限自办理失业登记之日起计算）",
    "R-REV": "《中华人民共和国社会保险法》第五十条（自受理之日起十日内审核）",
    "R-DUR": "《中华人民共和国社会保险法》第四十六条（领取期限）",
    "R-AMT": "《中华人民共和国社会保险法》第四十七条（失业保险金标准）",
    "R-STOP": "《中华人民共和国社会保险法》第五十一条（停止领取失业保险待遇的情形）",
    "R-FRAUD": "《失业保险条例》第十六条、《中华人民共和国社会保险法》第八十八条（追回与罚款）",
    "R-SUB": "《失业保险条例》第十条（领取失业保险金期间接受职业培训、职业介绍的补贴）",
    "R-RFI": "《社会保险经办条例》（申请材料不齐全的，一次性告知需要补正的全部材料）",
}




def legal_basis(rules: Iterable[str]) -> list[str]:
    """One line per rule ID, ``R-ELIG-1: 《社会保险法》第四十五条…``, in the decision's order."""
    lines = []
    for rule in dict.fromkeys(r.split()[0] for r in rules):
        family = rule.rsplit("-", 1)[0] if rule.count("-") > 1 else rule
        lines.append(f"{rule}：{LAW.get(family, '《中华人民共和国社会保险法》')}")
    return lines + [f"救济途径：{APPEAL_LAW}"]


def _base(kind: str, notice_id: str, claim: asyncpg.Record, today: dt.date) -> dict[str, Any]:
    return {"kind": kind, "notice_id": notice_id, "claim_id": str(claim["id"]), "district": claim["district"],
            "issued_on": today}


def claim_approved(notice_id: str, claim: asyncpg.Record, today: dt.date) -> NoticeDocument:
    start, months = claim["benefit_start_date"], claim["entitlement_months"]
    last_day = add_months(start, months) - dt.timedelta(days=1)
    facts = [
        ("失业登记日期", china_date_text(claim["registration_date"])),
        ("申领日期", china_date_text(claim["claim_date"])),
        ("享受待遇月数", f"{months} 个月"),
        ("每月失业保险金", money(claim["monthly_amount"])),
        ("待遇起始日期", china_date_text(start)),
        ("待遇截止日期", china_date_text(last_day)),
    ]
    decision = (f"经审核，你符合领取失业保险金的条件，核准自{china_date_text(start)}起按月领取失业保险金"
                f"{months}个月，每月{money(claim['monthly_amount'])}。")
    return NoticeDocument(**_base("claim_approved", notice_id, claim, today), facts=facts, decision=decision,
                          legal_basis=legal_basis(claim["decision_rules"] or ["R-REV-1"]))


def claim_rejected(notice_id: str, claim: asyncpg.Record, today: dt.date) -> NoticeDocument:
    conditions = [(c["rule"], c["why"]) for c in (claim["eligibility"] or {}).get("conditions", [])
                  if c["status"] != "met"]
    facts = [
        ("失业登记日期", china_date_text(claim["registration_date"])),
        ("离职日期", china_date_text(claim["separation_date"])),
        ("申领日期", china_date_text(claim["claim_date"])),
        ("审核意见", claim["decision_reason"] or "—"),
    ]
    decision = "经审核，你的失业保险金申领不符合下列条件，决定不予核准。" if conditions else (
        f"经审核，决定不予核准你的失业保险金申领。理由：{claim['decision_reason']}")
    return NoticeDocument(**_base("claim_rejected", notice_id, claim, today), facts=facts, decision=decision,
                          legal_basis=legal_basis(claim["decision_rules"] or ["R-REV-1"]), conditions=conditions)


def benefit_stopped(notice_id: str, claim: asyncpg.Record, today: dt.date) -> NoticeDocument:
    reason = STOP_REASONS.get(claim["stop_reason"], claim["stop_reason"])
    effective = china_date_text(claim["stop_effective_date"])
    facts = [("停发原因", reason), ("停发日期", effective), ("证明材料编号", claim["stop_evidence_ref"])]
    decision = f"因{reason}，自{effective}起停止发放你的失业保险金及其他失业保险待遇。"
    return NoticeDocument(**_base("benefit_stopped", notice_id, claim, today), facts=facts, decision=decision,
                          legal_basis=legal_basis(["R-STOP-1"]))


def overpayment_recovery(
    notice_id: str, claim: asyncpg.Record, overpayment: asyncpg.Record, today: dt.date
) -> NoticeDocument:
    facts = [
        ("多发待遇所属月份", f"第 {overpayment['benefit_month']} 个待遇月"),
        ("多发天数", f"{overpayment['overpaid_days']} 天（该月共 {overpayment['period_days']} 天）"),
        ("应追回金额", money(overpayment["amount"])),
        ("计算依据", overpayment["rule"]),
        ("处理意见", overpayment["decision_note"] or "—"),
    ]
    decision = f"决定追回你多领取的失业保险待遇{money(overpayment['amount'])}。"
    rules = ["R-STOP-1", "R-FRAUD-1"]
    if overpayment["fraud_fine_amount"] is not None:
        facts.append(("罚款金额", money(overpayment["fraud_fine_amount"])))
        decision += f"你以欺诈手段骗取失业保险待遇，并处罚款{money(overpayment['fraud_fine_amount'])}。"
    return NoticeDocument(**_base("overpayment_recovery", notice_id, claim, today), facts=facts,
                          decision=decision, legal_basis=legal_basis(rules))


def subsidy_refused(notice_id: str, claim: asyncpg.Record, refusal: asyncpg.Record, today: dt.date) -> NoticeDocument:
    """R-SUB-1: the subsidy asked for, and why it is refused (the refusal's message, as answered)."""
    kind = SUBSIDY_KINDS[refusal["kind"]]
    facts = [
        ("补贴种类", kind),
        ("培训/介绍/证书编号", refusal["event_ref"]),
        ("申请金额", money(refusal["requested_amount"])),
        ("申请发放日期", china_date_text(refusal["requested_on"])),
    ]
    if refusal["occupation"] is not None:
        facts.append(("职业（工种）及证书等级", f"{refusal['occupation']}，{refusal['certificate_level']}级"))
    facts.append(("不予发放理由", refusal["message"]))
    decision = f"经审核，决定不予发放你申请的{kind}。理由：{refusal['message']}"
    return NoticeDocument(**_base("subsidy_refused", notice_id, claim, today), facts=facts, decision=decision,
                          legal_basis=legal_basis(["R-SUB-1"]))


def _requested(documents: Iterable[asyncpg.Record]) -> list[tuple[str, str]]:
    return [(DOCUMENT_KINDS.get(d["kind"], d["kind"]), d["description"]) for d in documents]


def documents_requested(
    notice_id: str, claim: asyncpg.Record, request: asyncpg.Record, documents: list[asyncpg.Record], today: dt.date
) -> NoticeDocument:
    """R-RFI-1: every missing document at once, the supply deadline, and the paused review."""
    due = china_date_text(request["due_on"])
    facts = [
        ("申领日期", china_date_text(claim["claim_date"])),
        ("告知日期", china_date_text(request["requested_on"])),
        ("补正期限", f"{due}（含当日）"),
        ("需补正材料", f"共 {len(documents)} 项（见下表）"),
    ]
    decision = (f"经审查，你的失业保险金申领材料不齐全。现一次性告知你需要补正的全部材料（见下表），请于{due}前"
                "（含当日）提交。审核期限自收到齐全材料之日起计算，经办机构在十日内作出决定；"
                "逾期未补正的，将终止办理你的申领。")
    return NoticeDocument(**_base("documents_requested", notice_id, claim, today), facts=facts, decision=decision,
                          legal_basis=legal_basis(["R-RFI-1", "R-REV-1"]), conditions=_requested(documents))


def claim_closed_incomplete(
    notice_id: str, claim: asyncpg.Record, request: asyncpg.Record, documents: list[asyncpg.Record], today: dt.date
) -> NoticeDocument:
    """R-RFI-1: the documents did not come within the supply deadline; the claim is closed."""
    facts = [
        ("申领日期", china_date_text(claim["claim_date"])),
        ("一次性告知日期", china_date_text(request["requested_on"])),
        ("补正期限", china_date_text(request["due_on"])),
        ("未补正材料", f"共 {len(documents)} 项（见下表）"),
    ]
    decision = (f"你未在补正期限（{china_date_text(request['due_on'])}）内提交一次性告知的全部材料，"
                "决定终止办理你的失业保险金申领。符合条件的，可以重新办理失业登记并申领。")
    return NoticeDocument(**_base("claim_closed_incomplete", notice_id, claim, today), facts=facts,
                          decision=decision, legal_basis=legal_basis(["R-RFI-1"]), conditions=_requested(documents))
