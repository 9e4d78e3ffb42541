"""What people read for the benefits service's codes, in the law's words: the stop reasons
(R-STOP-1, R-DEATH-1, R-XFER-1) and the kinds of payment (R-PAY-1, R-MED-1, R-SUB-1). One copy
for the written decisions (services/benefits/notices) and the staff console (services/console)."""

from __future__ import annotations

STOP_REASONS = {
    "re_employment": "重新就业",
    "enlistment": "应征服兵役",
    "emigration": "移居境外",
    "pension": "享受基本养老保险待遇",
    "imprisonment": "被判刑收监执行",
    "refused_offers": "无正当理由拒不接受当地人民政府指定部门或者机构介绍的适当工作或者提供的培训",
    "death": "死亡",
    "expiry": "领取期满",
    "transfer": "失业保险关系转出",
    "other_statutory": "法律、行政法规规定的其他情形",
}

PAYMENT_KINDS = {
    "benefit": "失业保险金",
    "medical_premium": "基本医疗保险费",
    "funeral_grant": "丧葬补助金",
    "survivor_grant": "抚恤金",
    "training_subsidy": "职业培训补贴",
    "referral_subsidy": "职业介绍补贴",
    "skill_upgrade_subsidy": "技能提升补贴",
    "arrears": "失业保险金补发",
}

SUBSIDY_KINDS = {code: PAYMENT_KINDS[code] for code in ("training_subsidy", "referral_subsidy", "skill_upgrade_subsidy")}

# R-RFI-1: the kinds of document a case manager may ask for at once (一次性告知补正材料).
DOCUMENT_KINDS = {
    "id_document": "居民身份证或社会保障卡",
    "separation_proof": "解除或者终止劳动关系的证明",
    "contribution_proof": "参保缴费证明",
    "bank_account": "本人银行账户（社会保障卡金融账户）信息",
    "residence_proof": "居住证明",
    "other": "其他材料",
}
