-- depends: 0001.initial
-- Policy tables as effective-dated data (issue 4 §1). Every row names its area (a province 430000,
-- a city 430100 or a district), the day it takes effect and its source. The most specific area
-- wins, then the latest effective_from on or before the relevant date. Rows are added, never
-- changed once a claim has used them (first_used_at + trigger below): a new policy is a new row.

-- R-DUR-1/5: months of benefit by completed contribution years. A table version is all rows of
-- one (area_code, effective_from); a province may grant fewer months per year (R-DUR-5) but never
-- more than the national caps 12 / 18 / 24 (R-DUR-1), which the CHECK enforces.
CREATE TABLE duration_policies (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code               char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from          date NOT NULL,
    effective_to            date,
    min_contribution_years  integer NOT NULL CHECK (min_contribution_years BETWEEN 1 AND 50),
    months                  integer NOT NULL CHECK (months >= 1),
    source                  text NOT NULL CHECK (source <> ''),
    is_sample               boolean NOT NULL DEFAULT false,
    created_by              text NOT NULL DEFAULT 'migration',
    created_at              timestamptz NOT NULL DEFAULT now(),
    first_used_at           timestamptz,
    CHECK (months <= CASE WHEN min_contribution_years >= 10 THEN 24
                          WHEN min_contribution_years >= 5 THEN 18 ELSE 12 END),
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    UNIQUE (area_code, effective_from, min_contribution_years)
);

-- Single-valued parameters; exactly one of amount / ratio / count / option is set, by name.
CREATE TABLE policy_parameters (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code       char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    name            text NOT NULL CHECK (name IN (
                        'minimum_wage',                    -- R-AMT-1 最低工资标准 (amount)
                        'dibao',                           -- R-AMT-2 城市居民最低生活保障标准 (amount)
                        'benefit_ratio_of_minimum_wage',   -- R-AMT-2 失业保险金占最低工资比例 (ratio)
                        'medical_premium_monthly',         -- R-MED-1 (amount)
                        'funeral_grant',                   -- R-DEATH-1 (amount)
                        'survivor_grant',                  -- R-DEATH-1 (amount)
                        'training_subsidy_cap',            -- R-SUB-1 (amount)
                        'referral_subsidy_cap',            -- R-SUB-1 (amount)
                        'skill_upgrade_cap_level_5',       -- R-SUB-1 初级 (amount)
                        'skill_upgrade_cap_level_4',       -- R-SUB-1 中级 (amount)
                        'skill_upgrade_cap_level_3',       -- R-SUB-1 高级 (amount)
                        'min_contribution_months',         -- R-ELIG-1 (count)
                        'claim_window_days',               -- R-APP-1 (count)
                        'late_claim_option',               -- R-APP-2 (option)
                        'refusal_threshold',               -- R-STOP-1 (count)
                        'missed_report_termination_months',-- R-MON-1 (count)
                        'stop_month_pro_rata'              -- R-STOP-1 stop month (option)
                    )),
    effective_from  date NOT NULL,
    effective_to    date,
    amount          numeric(12, 2) CHECK (amount > 0),
    ratio           numeric(6, 4) CHECK (ratio > 0 AND ratio < 1),
    count           integer CHECK (count >= 0),
    option          text,
    source          text NOT NULL CHECK (source <> ''),
    is_sample       boolean NOT NULL DEFAULT false,
    created_by      text NOT NULL DEFAULT 'migration',
    created_at      timestamptz NOT NULL DEFAULT now(),
    first_used_at   timestamptz,
    CHECK (num_nonnulls(amount, ratio, count, option) = 1),
    CHECK (name <> 'late_claim_option' OR option IN ('reject', 'start_month_after_claim')),
    CHECK (name <> 'stop_month_pro_rata' OR option IN ('by_day', 'whole_month_kept')),
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    UNIQUE (area_code, name, effective_from)
);

ALTER TABLE benefit_amount_policies
    ADD COLUMN created_by text NOT NULL DEFAULT 'migration',
    ADD COLUMN first_used_at timestamptz;

-- A row that a claim has used never changes and is never deleted; only first_used_at is set once.
CREATE FUNCTION policy_row_frozen_once_used() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.first_used_at IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'first_used_at') = (to_jsonb(OLD) - 'first_used_at')
       AND NEW.first_used_at = OLD.first_used_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'policy row % of % has been used by a claim and cannot change', OLD.id, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER duration_policies_frozen BEFORE UPDATE OR DELETE ON duration_policies
    FOR EACH ROW EXECUTE FUNCTION policy_row_frozen_once_used();
CREATE TRIGGER policy_parameters_frozen BEFORE UPDATE OR DELETE ON policy_parameters
    FOR EACH ROW EXECUTE FUNCTION policy_row_frozen_once_used();
CREATE TRIGGER benefit_amount_policies_frozen BEFORE UPDATE OR DELETE ON benefit_amount_policies
    FOR EACH ROW EXECUTE FUNCTION policy_row_frozen_once_used();

-- Sample rows so the system runs out of the box; all marked as samples, not official figures.
INSERT INTO duration_policies (area_code, effective_from, min_contribution_years, months, source, is_sample)
VALUES
    ('430000', DATE '2011-07-01', 1, 12, 'SAMPLE: 社会保险法第四十六条全国上限 (R-DUR-1), 示例数据', true),
    ('430000', DATE '2011-07-01', 5, 18, 'SAMPLE: 社会保险法第四十六条全国上限 (R-DUR-1), 示例数据', true),
    ('430000', DATE '2011-07-01', 10, 24, 'SAMPLE: 社会保险法第四十六条全国上限 (R-DUR-1), 示例数据', true);

INSERT INTO policy_parameters (area_code, name, effective_from, amount, ratio, count, option, source, is_sample)
VALUES
    ('430000', 'minimum_wage', DATE '2020-01-01', 1930.00, NULL, NULL, NULL, 'SAMPLE: 示例最低工资 (R-AMT-1), 非正式政策', true),
    ('430000', 'dibao', DATE '2020-01-01', 850.00, NULL, NULL, NULL, 'SAMPLE: 示例城市低保标准 (R-AMT-2), 非正式政策', true),
    ('430000', 'medical_premium_monthly', DATE '2020-01-01', 260.00, NULL, NULL, NULL, 'SAMPLE: 示例医疗保险费 (R-MED-1), 非正式政策', true),
    ('430000', 'funeral_grant', DATE '2020-01-01', 5000.00, NULL, NULL, NULL, 'SAMPLE: 示例丧葬补助金 (R-DEATH-1), 非正式政策', true),
    ('430000', 'survivor_grant', DATE '2020-01-01', 10000.00, NULL, NULL, NULL, 'SAMPLE: 示例抚恤金 (R-DEATH-1), 非正式政策', true),
    ('430000', 'training_subsidy_cap', DATE '2020-01-01', 1500.00, NULL, NULL, NULL, 'SAMPLE: 示例职业培训补贴上限 (R-SUB-1), 非正式政策', true),
    ('430000', 'referral_subsidy_cap', DATE '2020-01-01', 300.00, NULL, NULL, NULL, 'SAMPLE: 示例职业介绍补贴上限 (R-SUB-1), 非正式政策', true),
    ('430000', 'skill_upgrade_cap_level_5', DATE '2020-01-01', 1000.00, NULL, NULL, NULL, 'SAMPLE: 技能提升补贴初级上限 (R-SUB-1), 示例数据', true),
    ('430000', 'skill_upgrade_cap_level_4', DATE '2020-01-01', 1500.00, NULL, NULL, NULL, 'SAMPLE: 技能提升补贴中级上限 (R-SUB-1), 示例数据', true),
    ('430000', 'skill_upgrade_cap_level_3', DATE '2020-01-01', 2000.00, NULL, NULL, NULL, 'SAMPLE: 技能提升补贴高级上限 (R-SUB-1), 示例数据', true),
    ('430000', 'min_contribution_months', DATE '2011-07-01', NULL, NULL, 12, NULL, 'SAMPLE: 社会保险法第四十五条 满一年 (R-ELIG-1), 示例数据', true),
    ('430000', 'claim_window_days', DATE '2011-07-01', NULL, NULL, 60, NULL, 'SAMPLE: 失业保险金申领办法 60日内 (R-APP-1), 示例数据', true),
    ('430000', 'late_claim_option', DATE '2011-07-01', NULL, NULL, NULL, 'start_month_after_claim', 'SAMPLE: 逾期申领自申领次月起发放 (R-APP-2), 示例数据', true),
    ('430000', 'refusal_threshold', DATE '2011-07-01', NULL, NULL, 2, NULL, 'SAMPLE: 无正当理由拒不接受介绍工作或培训次数 (R-STOP-1), 示例数据', true),
    ('430000', 'missed_report_termination_months', DATE '2011-07-01', NULL, NULL, 3, NULL, 'SAMPLE: 未按月报告暂停后转为终止的月数 (R-MON-1), 示例数据', true),
    ('430000', 'stop_month_pro_rata', DATE '2011-07-01', NULL, NULL, NULL, 'by_day', 'SAMPLE: 停发当月按日折算 (R-STOP-1), 示例数据', true);
