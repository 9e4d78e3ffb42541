-- depends: 0023.decision_notices
-- R-SUB-1 / R-NOTICE-1: a subsidy refused on its merits (the person not on benefit on the date, the
-- skill-upgrade subsidy already paid for the occupation and level) is a decision that affects the
-- person's rights: it is recorded, once per claim and event (a repeated request records nothing
-- more), and given in writing (decision_notices kind 'subsidy_refused', decision_ref = the
-- refusal's id), in the transaction that answers the refusal.
CREATE TABLE subsidy_refusals (
    id                uuid PRIMARY KEY,
    claim_id          uuid NOT NULL REFERENCES claims (id),
    kind              text NOT NULL CHECK (kind IN ('training_subsidy', 'referral_subsidy', 'skill_upgrade_subsidy')),
    event_ref         text NOT NULL CHECK (event_ref <> ''),
    requested_amount  numeric(12, 2) NOT NULL CHECK (requested_amount > 0),
    requested_on      date NOT NULL,
    occupation        text,
    certificate_level text CHECK (certificate_level IN ('5', '4', '3', '2', '1')),
    -- The refusal as the API answered it: its stable code and its Chinese message.
    code              text NOT NULL CHECK (code <> ''),
    message           text NOT NULL CHECK (message <> ''),
    refused_by        text NOT NULL,
    refused_at        timestamptz NOT NULL DEFAULT clock_now(),
    UNIQUE (claim_id, kind, event_ref)
);
CREATE INDEX subsidy_refusals_claim ON subsidy_refusals (claim_id, refused_at);
