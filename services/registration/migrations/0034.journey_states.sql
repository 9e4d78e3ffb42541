-- depends: 0033.employer_decision_notices
-- Issue 13 (B5): the journey view's last answer from the workflow, kept with the run and the
-- history length it was read at. A workflow's history only grows and its query answers from the
-- history alone, so while Temporal describes the same run at the same length the stored state is
-- the workflow's state: a sleeping journey is read without asking the worker to replay it.
CREATE TABLE journey_states (
    registration_id uuid PRIMARY KEY REFERENCES unemployment_registrations (id),
    run_id          text NOT NULL CHECK (run_id <> ''),
    history_length  bigint NOT NULL CHECK (history_length > 0),
    state           jsonb NOT NULL,
    read_at         timestamptz NOT NULL DEFAULT clock_now()
);
