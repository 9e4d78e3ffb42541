-- depends: 0010.policy
-- Claims keep the facts they were decided on (evidence snapshot) and the explanation of the
-- decision; payment instructions of every kind; payroll runs and bank files; bank returns;
-- overpayments with their recovery record; the fund ledger (issue 4 §2–5, §9).

ALTER TABLE claims
    -- R-APP-1: the day the claim was made (the 60-day window is counted to it).
    ADD COLUMN claim_date date,
    -- Facts from the registration service (contribution months, spells) as received.
    ADD COLUMN evidence jsonb,
    -- R-ELIG-1: each condition met / not_met / unknown, with why.
    ADD COLUMN eligibility jsonb,
    -- R-START (or the month after a late claim, R-APP-2).
    ADD COLUMN benefit_start_date date,
    ADD COLUMN base_months integer CHECK (base_months BETWEEN 0 AND 24),
    ADD COLUMN carried_over_months integer CHECK (carried_over_months BETWEEN 0 AND 24),
    ADD COLUMN previous_claim_id uuid REFERENCES claims (id),
    -- 'computed' from evidence and policy; 'case_manager_legacy' for claims opened without evidence.
    ADD COLUMN entitlement_basis text CHECK (entitlement_basis IN ('computed', 'case_manager_legacy')),
    ADD COLUMN decision_rules text[],
    -- The arithmetic and the policy rows behind the entitlement and the amount.
    ADD COLUMN calculation jsonb,
    ADD COLUMN duration_policy_id bigint REFERENCES duration_policies (id);

UPDATE claims
SET claim_date = (opened_at AT TIME ZONE 'Asia/Shanghai')::date,
    benefit_start_date = CASE WHEN status IN ('approved', 'stopped') THEN registration_date END,
    entitlement_basis = CASE WHEN status IN ('approved', 'stopped') THEN 'case_manager_legacy' END;

ALTER TABLE claims
    ALTER COLUMN claim_date SET DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date),
    ALTER COLUMN claim_date SET NOT NULL,
    ADD CONSTRAINT claims_approved_has_start CHECK (status NOT IN ('approved', 'stopped')
        OR entitlement_months IS NULL OR benefit_start_date IS NOT NULL);

CREATE INDEX claims_person ON claims (person_id, registration_date);
CREATE INDEX claims_city ON claims ((left(district, 4) || '00'));

-- Bank accounts are personal data: masked in every response, never logged. A correction is a new
-- row; the previous one is superseded (kept: payments name the account they went to).
CREATE TABLE bank_accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id        uuid NOT NULL REFERENCES claims (id),
    -- 'claimant' for benefits; 'survivor' for a death grant's named recipient (R-DEATH-1).
    holder          text NOT NULL DEFAULT 'claimant' CHECK (holder IN ('claimant', 'survivor')),
    bank_code       text NOT NULL CHECK (bank_code ~ '^[0-9A-Z]{3,12}$'),
    account_number  text NOT NULL CHECK (account_number ~ '^[0-9]{12,30}$'),
    account_name    text NOT NULL CHECK (account_name <> ''),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    superseded_at   timestamptz
);
CREATE UNIQUE INDEX bank_accounts_current ON bank_accounts (claim_id, holder) WHERE superseded_at IS NULL;

ALTER TABLE payments DROP CONSTRAINT payments_kind_check;
ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (kind IN (
    'benefit', 'medical_premium', 'funeral_grant', 'survivor_grant',
    'training_subsidy', 'referral_subsidy', 'skill_upgrade_subsidy'));
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('payable', 'disbursed', 'paid', 'rejected', 'cancelled'));
ALTER TABLE payments
    ADD COLUMN legal_basis text,
    ADD COLUMN payee_account_id bigint REFERENCES bank_accounts (id),
    ADD COLUMN policy_parameter_id bigint REFERENCES policy_parameters (id),
    ADD COLUMN cancelled_reason text;
UPDATE payments SET legal_basis = '社会保险法第四十七条 失业保险金 (R-PAY-1)' WHERE legal_basis IS NULL;
ALTER TABLE payments ALTER COLUMN legal_basis SET NOT NULL;
CREATE INDEX payments_payable ON payments (period_start) WHERE status = 'payable';

-- A payroll run for one period (YYYY-MM) and city: every run takes only instructions not yet
-- disbursed, so running again pays nothing twice.
CREATE TABLE payroll_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period          char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    city            char(6) NOT NULL CHECK (city ~ '^[1-8][0-9]{3}00$'),
    item_count      integer NOT NULL DEFAULT 0,
    control_total   numeric(16, 2) NOT NULL DEFAULT 0,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payroll_run_items (
    run_id          bigint NOT NULL REFERENCES payroll_runs (id),
    payment_id      uuid NOT NULL REFERENCES payments (id),
    bank_account_id bigint NOT NULL REFERENCES bank_accounts (id),
    amount          numeric(12, 2) NOT NULL CHECK (amount > 0),
    result          text NOT NULL DEFAULT 'disbursed' CHECK (result IN ('disbursed', 'paid', 'rejected')),
    reject_reason   text,
    returned_at     timestamptz,
    PRIMARY KEY (run_id, payment_id)
);
-- Paid at most once: an instruction is in at most one run item that the bank has not rejected.
CREATE UNIQUE INDEX payroll_run_items_once ON payroll_run_items (payment_id) WHERE result <> 'rejected';

-- R-STOP-1 / R-FRAUD-1: money paid for days after a stop is owed back; this is the recovery record.
CREATE TABLE overpayments (
    id              uuid PRIMARY KEY,
    claim_id        uuid NOT NULL REFERENCES claims (id),
    payment_id      uuid NOT NULL UNIQUE REFERENCES payments (id),
    amount          numeric(12, 2) NOT NULL CHECK (amount > 0),
    overpaid_days   integer NOT NULL CHECK (overpaid_days > 0),
    period_days     integer NOT NULL CHECK (period_days > 0),
    rule            text NOT NULL,
    recovery_status text NOT NULL DEFAULT 'to_recover'
                    CHECK (recovery_status IN ('to_recover', 'recovered', 'waived')),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- R-FUND-1: every outflow is an entry with its kind and legal basis. Nothing is changed or
-- deleted: a bank rejection is a new, negative entry that names the entry it reverses.
CREATE TABLE fund_ledger (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_date          date NOT NULL DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date),
    city                char(6) NOT NULL,
    kind                text NOT NULL,
    amount              numeric(14, 2) NOT NULL CHECK (amount <> 0),
    legal_basis         text NOT NULL CHECK (legal_basis <> ''),
    claim_id            uuid REFERENCES claims (id),
    payment_id          uuid REFERENCES payments (id),
    payroll_run_id      bigint REFERENCES payroll_runs (id),
    reverses_entry_id   bigint UNIQUE REFERENCES fund_ledger (id),
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((amount < 0) = (reverses_entry_id IS NOT NULL))
);
CREATE INDEX fund_ledger_month ON fund_ledger (entry_date, city, kind);

CREATE FUNCTION fund_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'fund_ledger is append-only: reverse with a new entry'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER fund_ledger_no_change BEFORE UPDATE OR DELETE ON fund_ledger
    FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
