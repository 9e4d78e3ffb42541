-- Benefits service schema: benefit-amount policy, claims, payments, the outbox.

-- R-AMT-1/2: the monthly amount is a provincial parameter, effective-dated, with its source.
CREATE TABLE benefit_amount_policies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 6-digit area code: a province (430000), a city (430100) or a district.
    area_code       char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from  date NOT NULL,
    effective_to    date,
    monthly_amount  numeric(12, 2) NOT NULL CHECK (monthly_amount > 0),
    source          text NOT NULL,
    is_sample       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (effective_to IS NULL OR effective_to > effective_from)
);

-- A sample row so the thin journey can pay; marked as a sample, not a real provincial figure.
INSERT INTO benefit_amount_policies (area_code, effective_from, monthly_amount, source, is_sample)
VALUES ('430000', DATE '2020-01-01', 1700.00, 'SAMPLE: 示例数据, 非正式政策 (≈90% of a minimum wage, R-AMT-2)', true);

CREATE TABLE claims (
    id                  uuid PRIMARY KEY,
    registration_id     uuid NOT NULL UNIQUE,
    person_id           uuid NOT NULL,
    district            char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    registration_date   date NOT NULL,
    separation_date     date NOT NULL,
    separation_reason   text NOT NULL,
    status              text NOT NULL DEFAULT 'pending_review'
                        CHECK (status IN ('pending_review', 'approved', 'rejected', 'stopped')),
    opened_at           timestamptz NOT NULL DEFAULT now(),
    review_due_at       timestamptz NOT NULL,
    entitlement_months  integer CHECK (entitlement_months BETWEEN 1 AND 24),
    monthly_amount      numeric(12, 2),
    amount_policy_id    bigint REFERENCES benefit_amount_policies (id),
    decided_by          text,
    decided_at          timestamptz,
    decision_reason     text,
    stop_reason         text,
    stop_effective_date date,
    stop_evidence_ref   text,
    stopped_by          text,
    stopped_at          timestamptz,
    CHECK (status <> 'approved' OR (entitlement_months IS NOT NULL AND monthly_amount IS NOT NULL)),
    CHECK (status <> 'stopped' OR stop_effective_date IS NOT NULL)
);
CREATE INDEX claims_status ON claims (status, review_due_at);
CREATE INDEX claims_district ON claims (district);

CREATE TABLE payments (
    id              uuid PRIMARY KEY,
    claim_id        uuid NOT NULL REFERENCES claims (id),
    benefit_month   integer NOT NULL CHECK (benefit_month BETWEEN 1 AND 24),
    kind            text NOT NULL CHECK (kind IN ('benefit')),
    period_start    date NOT NULL,
    amount          numeric(12, 2) NOT NULL CHECK (amount > 0),
    status          text NOT NULL DEFAULT 'payable' CHECK (status IN ('payable', 'disbursed', 'paid', 'rejected')),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Nothing twice: one payment per claim, benefit month and kind, whatever retries happen.
    CONSTRAINT payments_once_per_claim_month_kind UNIQUE (claim_id, benefit_month, kind)
);

CREATE TABLE outbox (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    command        text NOT NULL CHECK (command IN ('start_workflow', 'signal_workflow')),
    workflow_id    text NOT NULL,
    payload        jsonb NOT NULL,
    trace_context  jsonb NOT NULL DEFAULT '{}',
    dedupe_key     text NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
