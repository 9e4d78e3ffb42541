"""The written decision of a correction (R-CORR-1, R-NOTICE-1): the reason, the original and the
corrected terms, each month recomputed (old and new amount, the difference), the arrears paid
and the overpayment proposed, the legal basis and the appeal rights (R-APPEAL-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg

from contracts.benefit_labels import PAYMENT_KINDS
from services.benefits.corrections.recompute import Applied, Terms
from services.benefits.notices.documents import legal_basis
from services.benefits.notices.render import NoticeDocument, china_date_text, money

KIND = "decision_corrected"


def _terms_text(terms: Terms) -> str:
    return (f"自{china_date_text(terms.benefit_start_date)}起 {terms.entitlement_months} 个月，"
            f"每月{money(terms.monthly_amount)}")


def _signed(amount: Decimal) -> str:
    """+¥200.00 (underpaid), -¥150.00 (overpaid), ¥0.00."""
    return ("+" if amount > 0 else "-" if amount < 0 else "") + money(abs(amount))


def decision_corrected(
    notice_id: str,
    claim: asyncpg.Record,
    correction: asyncpg.Record,
    original: Terms,
    applied: Applied,
    today: dt.date,
) -> NoticeDocument:
    new = applied.recomputation.terms
    facts = [
        ("纠错理由", correction["reason"]),
        ("原决定", _terms_text(original)),
        ("更正后", _terms_text(new)),
    ]
    for month in applied.recomputation.months:
        label = f"第 {month.benefit_month} 个待遇月（{china_date_text(month.period.start)}起）{PAYMENT_KINDS[month.kind]}"
        facts.append((label, f"原发 {money(month.paid)}，应发 {money(month.due)}，差额 {_signed(month.difference)}"))
    underpaid, overpaid = applied.recomputation.underpaid, applied.recomputation.overpaid
    facts += [("应补发金额", money(underpaid)), ("多发金额", money(overpaid))]
    decision = (f"经复查，本机构原作出的失业保险待遇决定有误，现予更正：{_terms_text(new)}"
                f"（原为{_terms_text(original)}）。已发放的各月待遇按更正后的标准重新核算。")
    if underpaid > 0:
        decision += f"少发的{money(underpaid)}一次性补发至你的账户。"
    if overpaid > 0:
        decision += f"多发的{money(overpaid)}拟予追回，是否追回由经办人员审核后另行书面决定。"
    if applied.recomputation.premium_underpaid > 0:
        decision += f"少缴的基本医疗保险费{money(applied.recomputation.premium_underpaid)}一次性补缴至基本医疗保险基金。"
    rules = ["R-CORR-1", "R-START", "R-DUR-1", "R-AMT-1", "R-MED-1"] + (["R-FRAUD-1"] if overpaid > 0 else [])
    return NoticeDocument(kind=KIND, notice_id=notice_id, claim_id=str(claim["id"]), district=claim["district"],
                          issued_on=today, facts=facts, decision=decision, legal_basis=legal_basis(rules))
