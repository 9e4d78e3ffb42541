-- depends: 0012.death_subsidies_notices_transfers
-- R-XFER-1: the share of the remaining benefit that moves for training / referral subsidies on an
-- inter-province transfer is a parameter too.
ALTER TABLE policy_parameters DROP CONSTRAINT policy_parameters_name_check;
ALTER TABLE policy_parameters ADD CONSTRAINT policy_parameters_name_check CHECK (name IN (
    'minimum_wage', 'dibao', 'benefit_ratio_of_minimum_wage', 'medical_premium_monthly',
    'funeral_grant', 'survivor_grant', 'training_subsidy_cap', 'referral_subsidy_cap',
    'skill_upgrade_cap_level_5', 'skill_upgrade_cap_level_4', 'skill_upgrade_cap_level_3',
    'min_contribution_months', 'claim_window_days', 'late_claim_option', 'refusal_threshold',
    'missed_report_termination_months', 'stop_month_pro_rata',
    'transfer_subsidy_ratio'));

INSERT INTO policy_parameters (area_code, name, effective_from, ratio, source, is_sample)
VALUES ('430000', 'transfer_subsidy_ratio', DATE '2011-07-01', 0.5,
        'SAMPLE: 跨省转移时职业培训、职业介绍补贴按剩余失业保险金的50%计 (R-XFER-1), 示例数据', true);
