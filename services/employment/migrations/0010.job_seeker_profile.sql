-- depends: 0001.initial
-- Job-seeker profile (求职登记): education, skills, certificates, preferences, availability;
-- withdrawal with a reason; the employment service's effective-dated policy parameters.

ALTER TABLE job_seekers
    ADD COLUMN education              text CHECK (education IN (
        'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational',
        'junior_college', 'bachelor', 'master', 'doctorate')),
    ADD COLUMN skills                 text[] NOT NULL DEFAULT '{}',
    ADD COLUMN preferred_occupations  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN preferred_districts    text[] NOT NULL DEFAULT '{}',
    ADD COLUMN available_from         date,
    ADD COLUMN working_time           text NOT NULL DEFAULT 'any'
        CHECK (working_time IN ('full_time', 'part_time', 'any')),
    -- Registered by the journey once benefit is approved: the person draws benefit (R-MON-1).
    ADD COLUMN on_benefit             boolean NOT NULL DEFAULT false,
    ADD COLUMN withdrawal_reason      text CHECK (withdrawal_reason IN (
        'no_longer_seeking', 'moved_away', 'enlisted', 'emigrated', 'retired_pension',
        'imprisoned', 'deceased', 'other')),
    ADD COLUMN withdrawal_note        text,
    ADD COLUMN withdrawn_on           date,
    ADD COLUMN updated_at             timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT job_seekers_withdrawn_has_reason
        CHECK (status <> 'withdrawn' OR (withdrawal_reason IS NOT NULL AND withdrawn_on IS NOT NULL));
CREATE INDEX job_seekers_person ON job_seekers (person_id);

-- Certificates a job seeker holds (职业资格/技能等级证书): declared at the desk or earned in training.
CREATE TABLE certificates (
    id              uuid PRIMARY KEY,
    job_seeker_id   uuid NOT NULL REFERENCES job_seekers (id),
    certificate_no  text NOT NULL CHECK (length(certificate_no) BETWEEN 1 AND 64),
    occupation      text NOT NULL CHECK (length(occupation) BETWEEN 1 AND 50),
    -- 职业技能等级: 5 初级工 … 1 高级技师.
    level           text CHECK (level IN ('1', '2', '3', '4', '5')),
    issued_on       date NOT NULL,
    source          text NOT NULL CHECK (source IN ('declared', 'training')),
    enrolment_id    uuid UNIQUE,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_seeker_id, certificate_no)
);

-- Policy parameters (R-STOP-1 refusal threshold, first guidance offer, referral response time):
-- effective-dated per area (district → city → province), with their source.
CREATE TABLE policy_parameters (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL CHECK (name IN (
        'refusal_threshold', 'first_guidance_days', 'referral_response_days')),
    area_code       char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from  date NOT NULL,
    effective_to    date,
    value           integer NOT NULL CHECK (value > 0),
    source          text NOT NULL,
    is_sample       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    UNIQUE (name, area_code, effective_from)
);

INSERT INTO policy_parameters (name, area_code, effective_from, value, source, is_sample) VALUES
    ('refusal_threshold', '430000', DATE '2020-01-01', 2,
     'SAMPLE: 示例数据, 非正式政策 (无正当理由拒绝介绍的工作累计次数, R-STOP-1)', true),
    ('first_guidance_days', '430000', DATE '2020-01-01', 15,
     'SAMPLE: 示例数据, 非正式政策 (领取失业保险金人员首次职业指导时限, 天)', true),
    ('referral_response_days', '430000', DATE '2020-01-01', 7,
     'SAMPLE: 示例数据, 非正式政策 (职业介绍回复期限, 天)', true);
