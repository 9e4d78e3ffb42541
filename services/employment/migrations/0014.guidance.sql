-- depends: 0013.job_search_reports
-- Career guidance (职业指导): sessions scheduled, attended or missed, the guidance given and an
-- action plan with goals. A job seeker on benefit is offered a first session within a policy
-- number of days ('first_guidance_days').

CREATE TABLE guidance_sessions (
    id                  uuid PRIMARY KEY,
    job_seeker_id       uuid NOT NULL REFERENCES job_seekers (id),
    scheduled_at        timestamptz NOT NULL,
    counsellor          text NOT NULL CHECK (length(counsellor) BETWEEN 1 AND 100),
    location            text CHECK (length(location) <= 200),
    -- The first session of a person on benefit: the deadline it was offered against, and whether it met it.
    first_offer_due_on  date,
    offered_in_time     boolean,
    status              text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'attended', 'missed')),
    guidance            text CHECK (length(guidance) <= 4000),
    -- [{"goal": "...", "due_on": "YYYY-MM-DD"}]
    action_plan         jsonb,
    outcome_by          text,
    outcome_at          timestamptz,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_seeker_id, scheduled_at),
    CHECK (status <> 'attended' OR (guidance IS NOT NULL AND action_plan IS NOT NULL))
);
