-- depends: 0022.city_of
-- R-HOLD-1: fund safety. A payroll run holds an instruction from the bank file (and so from the
-- ledger's outflows) when the payee's account or account name changed since the claim's last paid
-- instruction, when it is the first payment to the account, when a benefit month's amount differs
-- from the claim's monthly amount beyond the tolerance, or while the person has an open audit
-- review item. A case manager releases it (the next run pays it) or cancels it (never paid).

ALTER TABLE policy_parameters DROP CONSTRAINT policy_parameters_name_check;
ALTER TABLE policy_parameters ADD CONSTRAINT policy_parameters_name_check CHECK (name IN (
    'minimum_wage', 'dibao', 'benefit_ratio_of_minimum_wage', 'medical_premium_monthly',
    'funeral_grant', 'survivor_grant', 'training_subsidy_cap', 'referral_subsidy_cap',
    'skill_upgrade_cap_level_5', 'skill_upgrade_cap_level_4', 'skill_upgrade_cap_level_3',
    'min_contribution_months', 'claim_window_days', 'late_claim_option', 'refusal_threshold',
    'missed_report_termination_months', 'stop_month_pro_rata',
    'transfer_subsidy_ratio',
    'payment_hold_tolerance'));  -- R-HOLD-1 (amount, yuan)

INSERT INTO policy_parameters (area_code, name, effective_from, amount, source, is_sample)
VALUES ('430000', 'payment_hold_tolerance', DATE '2011-07-01', 1.00,
        'SAMPLE: 支付金额与月发放标准相差超过1元即暂停发放 (R-HOLD-1), 示例数据', true);

CREATE TABLE payment_holds (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id      uuid NOT NULL REFERENCES payments (id),
    -- The account the instruction would have gone to: a release covers that account only (a
    -- re-issue to a corrected account is judged again).
    bank_account_id bigint NOT NULL REFERENCES bank_accounts (id),
    reasons         text[] NOT NULL CHECK (cardinality(reasons) > 0 AND reasons <@ ARRAY[
                        'account_changed', 'first_payment_to_account', 'amount_differs', 'open_audit_review']),
    held_at         timestamptz NOT NULL DEFAULT clock_now(),
    held_in_run     bigint NOT NULL REFERENCES payroll_runs (id),
    status          text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'cancelled')),
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    CHECK ((status = 'held') = (decided_by IS NULL)
           AND (decided_by IS NULL) = (decided_at IS NULL)
           AND (decided_by IS NULL) = (decision_reason IS NULL))
);
-- At most one open hold per instruction.
CREATE UNIQUE INDEX payment_holds_open ON payment_holds (payment_id) WHERE status = 'held';
CREATE INDEX payment_holds_payment ON payment_holds (payment_id);
CREATE INDEX payment_holds_worklist ON payment_holds (status, held_at);

-- The run's summary: instructions due in the run but held out of it (new and still held).
ALTER TABLE payroll_runs
    ADD COLUMN held_count  integer NOT NULL DEFAULT 0,
    ADD COLUMN held_amount numeric(16, 2) NOT NULL DEFAULT 0;
