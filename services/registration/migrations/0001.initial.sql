-- Registration service schema: people, unemployment registrations (R-UREG-1), the outbox.
-- Applied by yoyo as role "registration", whose search_path is the "registration" schema.

CREATE TABLE persons (
    id          uuid PRIMARY KEY,
    -- GB 11643-1999, validated before insert; personal data: never logged, masked in responses.
    id_number   char(18) NOT NULL UNIQUE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE unemployment_registrations (
    id                  uuid PRIMARY KEY,
    person_id           uuid NOT NULL REFERENCES persons (id),
    district            char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    separation_date     date NOT NULL,
    -- R-ELIG-2 codes; whether a code counts as 非因本人意愿 is decided by the benefits service.
    separation_reason   text NOT NULL CHECK (separation_reason IN (
        'contract_expired', 'employer_dismissal', 'employer_termination', 'employer_fault',
        'other_statutory', 'voluntary_resignation')),
    registration_date   date NOT NULL CHECK (registration_date >= separation_date),
    wants_work          boolean NOT NULL CHECK (wants_work),
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    journey_workflow_id text NOT NULL UNIQUE,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- One open unemployment spell per person: the same request repeated finds the first one.
CREATE UNIQUE INDEX unemployment_registrations_one_open
    ON unemployment_registrations (person_id) WHERE status = 'open';
CREATE INDEX unemployment_registrations_district ON unemployment_registrations (district, created_at);

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
