-- Employment service schema: job seekers (求职登记), placements (再就业), the outbox.

CREATE TABLE job_seekers (
    id               uuid PRIMARY KEY,
    registration_id  uuid NOT NULL UNIQUE,
    person_id        uuid NOT NULL,
    district         char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'placed', 'withdrawn')),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_seekers_district ON job_seekers (district, created_at);

CREATE TABLE placements (
    id                uuid PRIMARY KEY,
    -- A hire ends the unemployment spell: one placement per job seeker.
    job_seeker_id     uuid NOT NULL UNIQUE REFERENCES job_seekers (id),
    employer_name     text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 200),
    start_date        date NOT NULL,
    through_referral  boolean NOT NULL DEFAULT false,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
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
