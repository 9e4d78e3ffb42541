"""How a prepared decision (R-CTRL-1) reads in the console: its kind, status and payload in
Chinese, a link to what it decides, and who may check it. The services decide every permission;
this only picks what a person is shown (a case manager is not offered a payroll release)."""

from __future__ import annotations

from typing import Any

from services.console import labels
from shared.auth.principal import Role

# Where the console finds approvals: each service with decisions under four-eyes control.
SERVICES = ("benefits", "registration", "employment")

KINDS = {
    "claim_approval": "核准失业保险金申领",
    "claim_stop": "停发失业保险金",
    "overpayment_decision": "多发待遇处理（追回、免于追回、骗取罚款）",
    "uscc_override": "统一社会信用代码校验例外",
    "payroll_release": "发放批次放行（银行代发）",
    "bank_account_change": "变更收款银行账户",
    "decision_correction": "自行纠错",
}
STATUS = {"prepared": "待复核", "approved": "已复核生效", "rejected": "复核退回", "withdrawn": "经办人已撤回"}
# The kinds' approving roles as the services register them (services/*/approvals/kinds.py).
CHECKERS = {"payroll_release": frozenset({Role.FINANCE})}
DEFAULT_CHECKERS = frozenset({Role.CASE_MANAGER})

FIELDS = {
    "approved": "核准", "reason": "理由", "entitlement_months": "享受待遇月数", "effective_date": "生效日期",
    "evidence_ref": "依据材料编号", "outcome": "处理结果", "note": "说明", "fraud_fine_amount": "罚款金额（元）",
    "claim_id": "申领编号", "run_id": "发放批次", "uscc": "统一社会信用代码", "district": "区县",
    "holder": "账户类别", "bank_code": "开户银行", "account_number_masked": "银行账号",
    "account_name_masked": "户名", "accepted": "采纳停发建议", "stop_proposal_id": "停发建议编号",
    "monthly_amount": "月发放标准（元）", "benefit_start_date": "待遇起始日期",
}
VALUES = {
    "outcome": {"recover": "追回", "waive": "免于追回"},
    "reason": labels.STOP_REASONS,
}


def may_check(kind: str, role: Role) -> bool:
    return role in CHECKERS.get(kind, DEFAULT_CHECKERS)


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return "；".join(f"{FIELDS.get(k, k)}：{_value(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_value(key, v) for v in value)
    return str(VALUES.get(key, {}).get(value, value))


def payload_rows(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """The prepared request as the service answered it (bank details already masked there),
    one row per field; a nested part (the account, the overpayment's decision) flattened."""
    rows: list[tuple[str, str]] = []
    for key, value in payload.items():
        if isinstance(value, dict):
            rows.extend(payload_rows(value))
        else:
            rows.append((FIELDS.get(key, key), _value(key, value)))
    return rows


def subject_link(service: str, approval: dict[str, Any]) -> tuple[str, str] | None:
    """Where what it decides can be read: (link, text)."""
    kind, subject, payload = approval["kind"], approval["subject_id"], approval.get("payload") or {}
    if service == "employment":  # the acceptance of a stop proposal (R-STOP-1)
        return f"/stop-proposals/{subject}", "停发建议"
    if service == "registration":
        return None  # the override's code; the registration is submitted again once approved
    if kind in ("claim_approval", "claim_stop", "decision_correction"):
        return f"/claims/{subject}/review", "申领详情"
    if kind == "overpayment_decision" and payload.get("claim_id"):
        return f"/claims/{payload['claim_id']}/overpayments/{subject}", "多发待遇记录"
    if kind == "bank_account_change" and payload.get("claim_id"):
        return f"/claims/{payload['claim_id']}/review", "申领详情"
    if kind == "payroll_release":
        return f"/finance/payroll-runs/{subject}", "发放批次"
    return None
