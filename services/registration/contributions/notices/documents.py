"""What each of an employer's written decisions says (R-NOTICE-1): the facts, the rule, the
amounts and the legal basis, from the records the decision wrote. The law's articles per rule ID
are 社会保险法's and 失业保险条例's; the appeal rights' (R-APPEAL-1) are shared/notices'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import asyncpg

from services.registration.contributions.notices.render import EmployerNoticeDocument
from shared.notices.render import APPEAL_LAW, china_date_text, money

LAW = {
    "R-DECL-1": "《中华人民共和国社会保险法》第六十二条（未按规定申报的，按照上月缴费额的百分之一百一十确定应当缴纳数额；"
    "补办申报手续后，按照规定结算）",
    "R-LATE-1": "《中华人民共和国社会保险法》第八十六条（未按时足额缴纳的，自欠缴之日起按日加收滞纳金；逾期仍不缴纳的，"
    "处欠缴数额一倍以上三倍以下的罚款）",
    "R-RATE-1": "《失业保险条例》第六条（单位和职工的缴费比例）",
    "OTHER": "《中华人民共和国社会保险法》第十一章（法律责任）",
}


def legal_basis(rules: Iterable[str]) -> list[str]:
    return [f"{rule}：{LAW[rule]}" if rule != "OTHER" else LAW[rule] for rule in rules] + [f"救济途径：{APPEAL_LAW}"]


def month_text(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def percent(rate: Decimal) -> str:
    """0.0005 → 0.05%; 1.10 → 110%."""
    return f"{(rate * 100).normalize():f}%"


def _base(kind: str, notice_id: str, row: asyncpg.Record, today: dt.date) -> dict[str, Any]:
    return {"kind": kind, "notice_id": notice_id, "employer_id": str(row["employer_id"]),
            "employer_name": row["employer_name"], "uscc": row["uscc"], "district": row["district"],
            "issued_on": today}


def contribution_assessed(notice_id: str, row: asyncpg.Record, today: dt.date) -> EmployerNoticeDocument:
    """R-DECL-1: an undeclared month assessed at a factor (110%) of the previous month's total."""
    month, previous = month_text(row["contribution_month"]), month_text(row["previous_month"])
    factor, late_from = percent(row["assessment_factor"]), china_date_text(row["due_date"] + dt.timedelta(days=1))
    facts = [
        ("缴费月份", month),
        ("申报期限", china_date_text(row["due_date"])),
        ("核定依据", f"上月（{previous}）缴费额 {money(row['previous_total'])} × {factor}"),
        ("核定人数", f"{row['headcount']} 人"),
        ("核定应缴失业保险费", money(row["total_amount"])),
        ("其中单位缴费", money(row["employer_amount"])),
        ("其中个人缴费（单位代扣代缴）", money(row["employee_amount"])),
        ("核定日期", china_date_text(row["declared_on"])),
    ]
    decision = (
        f"你单位未在申报期限内申报{month}应当缴纳的失业保险费。按照你单位上月缴费额{money(row['previous_total'])}的{factor}，"
        f"核定你单位{month}应当缴纳失业保险费{money(row['total_amount'])}（单位缴费{money(row['employer_amount'])}，"
        f"个人缴费{money(row['employee_amount'])}）。请及时缴纳；自{late_from}起按日加收{percent(row['late_fee_daily_rate'])}"
        "的滞纳金，至缴清之日止。你单位补办申报手续后，按照实际申报数额结算。"
    )
    return EmployerNoticeDocument(**_base("contribution_assessed", notice_id, row, today), facts=facts,
                                  decision=decision, legal_basis=legal_basis(["R-DECL-1", "R-LATE-1"]))


def contribution_settled(notice_id: str, row: asyncpg.Record, today: dt.date) -> EmployerNoticeDocument:
    """R-DECL-1 结算 with R-LATE-1's late fees: those charged on the month's late payments and
    those accrued on what is unpaid up to the decision's day (and accruing after it)."""
    month, rate = month_text(row["contribution_month"]), percent(row["late_fee_daily_rate"])
    late_from = china_date_text(row["due_date"] + dt.timedelta(days=1))
    outstanding = row["total_amount"] - row["paid"]
    late_fees = row["late_fee_charged"] + row["late_fee_accruing"]
    facts = [
        ("缴费月份", month),
        ("申报期限", china_date_text(row["due_date"])),
        ("补办申报日期", china_date_text(row["settled_on"])),
        ("原核定应缴金额", money(row["assessed_total"])),
        ("补办申报缴费基数合计", f"{money(row['base_total'])}（{row['headcount']} 人）"),
        ("结算应缴失业保险费", f"{money(row['total_amount'])}（单位缴费 {money(row['employer_amount'])}，"
                            f"个人缴费 {money(row['employee_amount'])}）"),
        ("已缴失业保险费", money(row["paid"])),
        ("尚欠失业保险费", money(outstanding)),
    ]
    conditions = [
        ("起算日期", late_from),
        ("加收标准", f"每日 {rate}"),
        ("已缴部分（计至各缴款日）", money(row["late_fee_charged"])),
        (f"尚欠部分（计至{china_date_text(today)}，{row['days_overdue']} 天）", money(row["late_fee_accruing"])),
        ("滞纳金合计", money(late_fees)),
    ]
    decision = (
        f"你单位已补办{month}的申报，原核定数额{money(row['assessed_total'])}按照实际申报结算为{money(row['total_amount'])}，"
        f"已缴{money(row['paid'])}，尚欠{money(outstanding)}。该月失业保险费自{late_from}起按日加收{rate}的滞纳金，"
        f"截至{china_date_text(today)}共计{money(late_fees)}。"
    )
    if outstanding > 0:
        decision += "尚欠部分自次日起继续按日加收滞纳金，至缴清之日止。"
    return EmployerNoticeDocument(**_base("contribution_settled", notice_id, row, today), facts=facts,
                                  decision=decision, legal_basis=legal_basis(["R-DECL-1", "R-LATE-1", "R-RATE-1"]),
                                  conditions=conditions)


def contribution_fine(
    notice_id: str, row: asyncpg.Record, arrears: Decimal | None, today: dt.date
) -> EmployerNoticeDocument:
    """R-LATE-1: a fine of 1–3× the contributions still unpaid (``arrears``, on the decision's
    day), or a fine on another statutory ground (``arrears`` None)."""
    facts = [
        ("处罚决定书文号", row["decision_reference"]),
        ("处罚决定日期", china_date_text(row["decided_on"])),
        ("罚款事由", row["reason"]),
    ]
    amount = money(row["amount"])
    if arrears is None:
        decision = f"依据处罚决定（{row['decision_reference']}），对你单位处以罚款{amount}。理由：{row['reason']}"
        rules = ["OTHER"]
    else:
        facts.append(("决定日欠缴失业保险费", money(arrears)))
        decision = (
            f"你单位截至{china_date_text(row['decided_on'])}仍欠缴失业保险费{money(arrears)}。依据处罚决定"
            f"（{row['decision_reference']}），对你单位处欠缴数额一倍以上三倍以下的罚款，罚款金额{amount}。"
        )
        rules = ["R-LATE-1"]
    facts.append(("罚款金额", amount))
    return EmployerNoticeDocument(**_base("contribution_fine", notice_id, row, today), facts=facts,
                                  decision=decision, legal_basis=legal_basis(rules))
