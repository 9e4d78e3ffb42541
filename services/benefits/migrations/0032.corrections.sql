-- depends: 0031.decision_approvals
-- R-CORR-1: the agency corrects its own wrong decision (自行纠错) with a reason and a second
-- person's approval (R-CTRL-1: decision_approvals kind 'decision_correction', always required).
-- The correction row keeps the original decision's terms beside the corrected ones (nothing is
-- overwritten silently), and each benefit month already paid is recomputed: its difference is
-- kept per month, an underpayment is paid once by ONE arrears instruction (补发) keyed by the
-- correction, an overpayment is proposed for a human to decide (R-FRAUD-1).
CREATE TABLE corrections (
    id                      uuid PRIMARY KEY,
    claim_id                uuid NOT NULL REFERENCES claims (id),
    district                char(6) NOT NULL,
    reason                  text NOT NULL CHECK (btrim(reason) <> ''),
    -- 'agency': 自行纠错, approved by a second person (approval_id); 'appeal': carrying out a
    -- reconsideration body's or a court's "changed" outcome (R-APPEAL-1), an external decision.
    source                  text NOT NULL DEFAULT 'agency' CHECK (source IN ('agency', 'appeal')),
    source_ref              text,
    approval_id             uuid UNIQUE REFERENCES decision_approvals (id),
    -- The corrected terms asked for (NULL: that term stays).
    monthly_amount          numeric(12, 2) CHECK (monthly_amount > 0),
    entitlement_months      integer CHECK (entitlement_months BETWEEN 1 AND 24),
    benefit_start_date      date,
    prepared_by             text NOT NULL,
    prepared_at             timestamptz NOT NULL,
    -- Set when it is carried out: the terms it replaced and what the recomputation found.
    applied_at                  timestamptz,
    original_monthly_amount     numeric(12, 2),
    original_entitlement_months integer,
    original_benefit_start_date date,
    underpaid_amount        numeric(12, 2) CHECK (underpaid_amount >= 0),
    overpaid_amount         numeric(12, 2) CHECK (overpaid_amount >= 0),
    CHECK (monthly_amount IS NOT NULL OR entitlement_months IS NOT NULL OR benefit_start_date IS NOT NULL),
    CHECK ((source = 'agency') = (approval_id IS NOT NULL) AND (source = 'appeal') = (source_ref IS NOT NULL)),
    CHECK ((applied_at IS NULL) = (original_entitlement_months IS NULL)
        AND (applied_at IS NULL) = (original_monthly_amount IS NULL)
        AND (applied_at IS NULL) = (original_benefit_start_date IS NULL)
        AND (applied_at IS NULL) = (underpaid_amount IS NULL)
        AND (applied_at IS NULL) = (overpaid_amount IS NULL))
);
CREATE INDEX corrections_claim ON corrections (claim_id, prepared_at);
-- An appeal's outcome is carried out once.
CREATE UNIQUE INDEX corrections_once_per_appeal ON corrections (source_ref) WHERE source = 'appeal';

-- Each issued month recomputed (benefit and medical premium, R-MED-1): paid, due, the difference.
CREATE TABLE correction_months (
    correction_id   uuid NOT NULL REFERENCES corrections (id),
    benefit_month   integer NOT NULL CHECK (benefit_month BETWEEN 1 AND 24),
    kind            text NOT NULL CHECK (kind IN ('benefit', 'medical_premium')),
    payment_id      uuid NOT NULL REFERENCES payments (id),
    period_start    date NOT NULL,
    paid            numeric(12, 2) NOT NULL,
    due             numeric(12, 2) NOT NULL CHECK (due >= 0),
    difference      numeric(12, 2) NOT NULL CHECK (difference = due - paid),
    PRIMARY KEY (correction_id, benefit_month, kind)
);

-- R-CTRL-1: a correction is always checked by a second person, whatever the province's policy.
ALTER TABLE decision_approvals DROP CONSTRAINT decision_approvals_kind_check;
ALTER TABLE decision_approvals ADD CONSTRAINT decision_approvals_kind_check CHECK (kind IN (
    'claim_approval', 'claim_stop', 'overpayment_decision', 'uscc_override', 'payroll_release',
    'bank_account_change', 'decision_correction'));

-- The arrears instruction (补发) is a payment of its own kind on the normal payroll path; one per
-- correction, never twice (UNIQUE correction_id). Monthly instructions keep their key
-- (claim, month, kind), correction_id NULL: the constraint keeps its name (ON CONFLICT uses it).
ALTER TABLE payments DROP CONSTRAINT payments_kind_check;
ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (kind IN (
    'benefit', 'medical_premium', 'funeral_grant', 'survivor_grant',
    'training_subsidy', 'referral_subsidy', 'skill_upgrade_subsidy', 'arrears'));
ALTER TABLE payments
    ADD COLUMN correction_id uuid UNIQUE REFERENCES corrections (id),
    ADD CONSTRAINT payments_arrears_of_a_correction CHECK ((kind = 'arrears') = (correction_id IS NOT NULL));
ALTER TABLE payments DROP CONSTRAINT payments_once_per_claim_month_kind;
ALTER TABLE payments ADD CONSTRAINT payments_once_per_claim_month_kind
    UNIQUE NULLS NOT DISTINCT (claim_id, benefit_month, kind, correction_id);

-- An overpayment a correction proposes names it; a payment may then carry one overpayment from
-- a stop and one per correction (R-FRAUD-1: each proposed for a case manager to decide).
ALTER TABLE overpayments ADD COLUMN correction_id uuid REFERENCES corrections (id);
ALTER TABLE overpayments DROP CONSTRAINT overpayments_payment_id_key;
ALTER TABLE overpayments ADD CONSTRAINT overpayments_once_per_payment
    UNIQUE NULLS NOT DISTINCT (payment_id, correction_id);

INSERT INTO decision_notice_kinds (kind) VALUES ('decision_corrected');
