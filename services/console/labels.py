"""What people read for the services' codes: one Chinese label per stage, status and event."""

from __future__ import annotations

from contracts.benefit_labels import DOCUMENT_KINDS, PAYMENT_KINDS, STOP_REASONS  # noqa: F401 - the console's labels too

ROLES = {
    "service_point": "街道（社区）服务窗口",
    "case_manager": "经办人员",
    "operations": "运行监控",
    "finance": "财务",
    "auditor": "稽核",
}

STAGES = {
    "registered": "已失业登记",
    "claim_review": "待审核",
    "on_benefit": "领取失业保险金",
    "claim_rejected": "申领未通过",
    "claim_closed_incomplete": "逾期未补正，申领终止",
    "reemployed": "已就业",
    "entitlement_exhausted": "领取期满",
    "benefit_stopped": "停止领取",
    "employment_services": "就业服务",
    "registration_ended": "登记已注销",
}

# Who must act next at each stage (the journey waits on them).
NEXT_ACTOR = {
    "registered": "系统（受理申领）",
    "claim_review": "经办人员（审核申领）",
    "on_benefit": "失业人员（按月报告求职情况）；经办机构（按月发放）",
    "employment_services": "公共就业服务机构（职业指导、介绍）",
}

CLAIM_STATUS = {
    "pending_review": "待审核",
    "approved": "已核准",
    "rejected": "不予核准",
    "stopped": "已停发",
    "closed_incomplete": "逾期未补正，终止办理",
}

PAYMENT_STATUS = {
    "payable": "已核发，待银行代发",
    "disbursed": "已提交银行",
    "paid": "已到账",
    "rejected": "银行退回",
    "cancelled": "已取消",
}

RECOVERY_STATUS = {"proposed": "待决定", "to_recover": "待追回", "recovered": "已追回", "waived": "已免于追回"}

PAYMENT_KIND = PAYMENT_KINDS

EVENTS = {
    "journey_started": "失业登记，一条龙服务开始",
    "claim_opened": "受理失业保险金申领",
    "claim_approved": "申领核准",
    "claim_rejected": "申领不予核准",
    "review_overdue": "审核超过法定期限",
    "documents_requested": "一次性告知补正材料（审核期限暂停）",
    "documents_received": "材料已补齐（审核期限重新计算）",
    "claim_closed_incomplete": "逾期未补正，申领终止办理",
    "claim_not_closed": "终止办理未被受理",
    "payment_recorded": "发放失业保险金",
    "payment_withheld": "暂停发放（未按月报告求职情况）",
    "payment_refused": "发放被拒绝",
    "medical_premium_recorded": "代缴基本医疗保险费",
    "medical_premium_refused": "代缴医疗保险费被拒绝",
    "job_seeker_registered": "求职登记",
    "job_seeker_not_registered": "求职登记未完成",
    "job_search_reported": "报告求职情况",
    "stop_proposed": "提出停发建议",
    "stop_refused": "停发未被受理",
    "training_completed": "完成职业培训",
    "subsidy_awarded": "核发培训补贴",
    "subsidy_refused": "培训补贴未核发",
    "placement_recorded": "实现就业",
    "benefit_stopped": "停止发放失业保险金",
    "benefit_end_not_recorded": "停发未能通知就业服务",
    "claim_stopped": "停止领取",
    "entitlement_exhausted": "领取期满",
    "registration_closed": "失业登记终止",
    "registration_not_closed": "失业登记未能终止",
    "registration_ended": "失业登记注销",
}

SEPARATION_REASONS = {
    "contract_expired": "劳动合同期满终止",
    "employer_dismissal": "用人单位解除劳动合同",
    "employer_termination": "用人单位终止劳动合同",
    "employer_fault": "因用人单位过错解除",
    "other_statutory": "其他法定情形",
    "voluntary_resignation": "本人主动辞职",
}

CONDITION_STATUS = {"met": "符合", "not_met": "不符合", "unknown": "待核实"}

EMPLOYER_STATUS = {
    "submitted": "已提交",
    "under_review": "审核中",
    "approved": "已登记",
    "rejected": "不予登记",
    "deregistered": "已注销",
}

REGISTRATION_STATUS = {"open": "有效", "closed": "已终止"}


def label(table: dict[str, str], code: str | None) -> str:
    """The Chinese label, or the code itself for one the console does not know yet."""
    if code is None:
        return "—"
    return table.get(code, code)


SPELL_END_REASONS = {
    "re_employed": "重新就业",
    "claim_rejected": "申领未通过",
    "claim_incomplete": "逾期未补正材料，申领终止",
    "entitlement_exhausted": "领取期满",
    "benefit_stopped": "停止领取",
    "transferred_out": "转出",
    "died": "死亡",
    "pension": "享受养老保险待遇",
    "enlisted": "应征服兵役",
    "emigrated": "移居境外",
    "imprisoned": "被判刑收监执行",
    "refused_services": "拒绝就业服务",
    "no_contact": "失去联系",
    "no_longer_seeking": "不再求职",
    "incapacity": "丧失劳动能力",
    "enrolled_in_education": "入学",
    "other": "其他",
}

# R-NOTICE-1: the written decisions and how they reached the person.
NOTICE_KINDS = {
    "claim_approved": "失业保险金核准决定书",
    "claim_rejected": "失业保险金不予核准决定书",
    "benefit_stopped": "停止发放失业保险待遇决定书",
    "overpayment_recovery": "追回多发失业保险待遇决定书",
    "subsidy_refused": "不予发放补贴决定书",
    "documents_requested": "一次性告知补正材料通知书",
    "claim_closed_incomplete": "终止办理失业保险金申领决定书",
    # An employer's (registration service, R-DECL-1 / R-LATE-1).
    "contribution_assessed": "失业保险费核定决定书",
    "contribution_settled": "失业保险费结算及加收滞纳金决定书",
    "contribution_fine": "失业保险费罚款决定书",
}

DELIVERY_CHANNELS = {
    "in_person": "窗口直接送达",
    "post": "邮寄送达",
    "online": "网上送达",
}
