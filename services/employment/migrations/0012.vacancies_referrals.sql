-- depends: 0011.training
-- Job referral (职业介绍): vacancies, referrals with their outcome, refusals counted towards a stop
-- proposal (R-STOP-1: the system proposes, a case manager decides); placements gain their source.

CREATE TABLE vacancies (
    id                          uuid PRIMARY KEY,
    employer_name               text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 200),
    -- The registration service's employer, when known (another schema: no foreign key).
    employer_id                 uuid,
    posting_ref                 text NOT NULL CHECK (length(posting_ref) BETWEEN 1 AND 64),
    occupation                  text NOT NULL CHECK (length(occupation) BETWEEN 1 AND 50),
    district                    char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    wage_min                    numeric(12, 2) NOT NULL CHECK (wage_min >= 0),
    wage_max                    numeric(12, 2) NOT NULL,
    openings                    integer NOT NULL CHECK (openings > 0),
    min_education               text,
    required_skills             text[] NOT NULL DEFAULT '{}',
    required_certificate_level  text CHECK (required_certificate_level IN ('1', '2', '3', '4', '5')),
    working_time                text NOT NULL DEFAULT 'full_time'
        CHECK (working_time IN ('full_time', 'part_time', 'any')),
    status                      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by                  text NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK (wage_max >= wage_min),
    UNIQUE (employer_name, posting_ref)
);
CREATE INDEX vacancies_open ON vacancies (occupation, district) WHERE status = 'open';

CREATE TABLE referrals (
    id                uuid PRIMARY KEY,
    vacancy_id        uuid NOT NULL REFERENCES vacancies (id),
    job_seeker_id     uuid NOT NULL REFERENCES job_seekers (id),
    status            text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'hired', 'refused', 'not_suitable', 'no_response')),
    -- The match as explained when the referral was made (score and reasons), kept as evidence.
    match_score       integer NOT NULL,
    match_reasons     jsonb NOT NULL,
    referred_on       date NOT NULL,
    response_due_on   date NOT NULL,
    response_policy_id bigint NOT NULL REFERENCES policy_parameters (id),
    outcome_on        date,
    refusal_reason    text,
    -- Judged by staff: only a refusal without good reason counts (R-STOP-1).
    good_reason       boolean,
    outcome_note      text,
    outcome_by        text,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (vacancy_id, job_seeker_id),
    CHECK (status <> 'refused' OR (refusal_reason IS NOT NULL AND good_reason IS NOT NULL)),
    CHECK (status = 'pending' OR outcome_on IS NOT NULL)
);
CREATE INDEX referrals_job_seeker ON referrals (job_seeker_id);
CREATE INDEX referrals_refusals ON referrals (job_seeker_id) WHERE status = 'refused' AND NOT good_reason;

-- A proposal to stop benefit for a case manager to decide; never a stop by itself.
CREATE TABLE stop_proposals (
    id                 uuid PRIMARY KEY,
    job_seeker_id      uuid NOT NULL REFERENCES job_seekers (id),
    -- The refusal that reached the threshold.
    referral_id        uuid NOT NULL UNIQUE REFERENCES referrals (id),
    reason             text NOT NULL CHECK (reason IN ('refused_suitable_work')),
    refusals_counted   integer NOT NULL,
    threshold          integer NOT NULL,
    policy_id          bigint NOT NULL REFERENCES policy_parameters (id),
    event_date         date NOT NULL,
    status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    decided_by         text,
    decided_at         timestamptz,
    decision_note      text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (status = 'open' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
);
-- At most one open proposal per job seeker: a case manager decides it before another is raised.
CREATE UNIQUE INDEX stop_proposals_one_open ON stop_proposals (job_seeker_id) WHERE status = 'open';

ALTER TABLE placements
    ADD COLUMN source        text NOT NULL DEFAULT 'desk'
        CHECK (source IN ('desk', 'referral', 'contribution_records')),
    ADD COLUMN referral_id   uuid UNIQUE REFERENCES referrals (id),
    ADD COLUMN employer_id   uuid,
    -- e.g. the contribution record that revealed a hire found later.
    ADD COLUMN evidence_ref  text,
    ADD CONSTRAINT placements_referral_source CHECK ((source = 'referral') = (referral_id IS NOT NULL));
CREATE INDEX placements_start ON placements (start_date);
