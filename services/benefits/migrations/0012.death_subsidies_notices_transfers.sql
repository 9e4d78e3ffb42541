-- depends: 0011.claims_payroll_ledger
-- Death (R-DEATH-1), subsidies (R-SUB-1), pre-expiry notices (R-STOP-2), transfers out (R-XFER-1).

-- R-DEATH-1: the grants go to a named family member; the family chooses ONE funeral grant among
-- unemployment, pension and work-injury insurance. Recipient names are personal data (masked).
CREATE TABLE death_reports (
    claim_id                    uuid PRIMARY KEY REFERENCES claims (id),
    date_of_death               date NOT NULL,
    evidence_ref                text NOT NULL CHECK (evidence_ref <> ''),
    recipient_name              text NOT NULL CHECK (recipient_name <> ''),
    recipient_relationship      text NOT NULL CHECK (recipient_relationship IN ('spouse', 'child', 'parent', 'other')),
    funeral_grant_choice        text NOT NULL CHECK (funeral_grant_choice IN ('unemployment', 'pension', 'work_injury')),
    recipient_account_id        bigint NOT NULL REFERENCES bank_accounts (id),
    funeral_grant_payment_id    uuid REFERENCES payments (id),
    survivor_grant_payment_id   uuid NOT NULL REFERENCES payments (id),
    death_month_payment_id      uuid REFERENCES payments (id),
    recorded_by                 text NOT NULL,
    recorded_at                 timestamptz NOT NULL DEFAULT now(),
    -- A funeral grant from this fund only when the family chose it.
    CHECK ((funeral_grant_payment_id IS NOT NULL) = (funeral_grant_choice = 'unemployment'))
);

-- R-SUB-1: training / referral subsidies, and the skill-upgrade subsidy at most once per person,
-- occupation and certificate level. event_ref (enrolment, referral, certificate) keys retries.
CREATE TABLE subsidy_awards (
    id                  uuid PRIMARY KEY,
    claim_id            uuid NOT NULL REFERENCES claims (id),
    person_id           uuid NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('training_subsidy', 'referral_subsidy', 'skill_upgrade_subsidy')),
    event_ref           text NOT NULL CHECK (event_ref <> ''),
    occupation          text,
    certificate_level   text CHECK (certificate_level IN ('5', '4', '3', '2', '1')),
    requested_amount    numeric(12, 2) NOT NULL CHECK (requested_amount > 0),
    amount              numeric(12, 2) NOT NULL CHECK (amount > 0),
    cap                 numeric(12, 2) NOT NULL,
    policy_parameter_id bigint NOT NULL REFERENCES policy_parameters (id),
    payment_id          uuid NOT NULL UNIQUE REFERENCES payments (id),
    awarded_by          text NOT NULL,
    awarded_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, event_ref),
    CHECK (amount <= cap AND amount <= requested_amount),
    CHECK (kind <> 'skill_upgrade_subsidy' OR (occupation IS NOT NULL AND certificate_level IS NOT NULL))
);
CREATE UNIQUE INDEX subsidy_awards_skill_once ON subsidy_awards (person_id, occupation, certificate_level)
    WHERE kind = 'skill_upgrade_subsidy';

-- R-STOP-2: the person is told one month before the last benefit month.
CREATE TABLE notices (
    id                  uuid PRIMARY KEY,
    claim_id            uuid NOT NULL REFERENCES claims (id),
    kind                text NOT NULL CHECK (kind IN ('pre_expiry')),
    last_benefit_month  integer NOT NULL,
    last_month_start    date NOT NULL,
    notify_on           date NOT NULL,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (claim_id, kind)
);

-- R-XFER-1: closing a claim that moves to another pooling area, with what moves with it.
CREATE TABLE transfers_out (
    claim_id            uuid PRIMARY KEY REFERENCES claims (id),
    effective_date      date NOT NULL,
    destination_area    char(6) NOT NULL CHECK (destination_area ~ '^[1-8][0-9]{5}$'),
    inter_province      boolean NOT NULL,
    remaining_months    integer NOT NULL CHECK (remaining_months >= 0),
    monthly_amount      numeric(12, 2) NOT NULL,
    remaining_benefit   numeric(14, 2) NOT NULL,
    medical_premium     numeric(14, 2) NOT NULL,
    subsidy_share       numeric(14, 2) NOT NULL,
    total               numeric(14, 2) NOT NULL,
    ledger_entry_id     bigint REFERENCES fund_ledger (id),
    evidence_ref        text NOT NULL CHECK (evidence_ref <> ''),
    decided_by          text NOT NULL,
    decided_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (total = remaining_benefit + medical_premium + subsidy_share),
    -- Money moves only across provinces.
    CHECK ((ledger_entry_id IS NOT NULL) = (inter_province AND total > 0))
);
