-- depends: 0010.job_seeker_profile
-- Vocational training (职业培训): providers, courses, enrolments with attendance and completion.

CREATE TABLE training_providers (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    uscc        char(18) UNIQUE,
    district    char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE courses (
    id           uuid PRIMARY KEY,
    provider_id  uuid NOT NULL REFERENCES training_providers (id),
    code         text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    occupation   text NOT NULL CHECK (length(occupation) BETWEEN 1 AND 50),
    level        text CHECK (level IN ('1', '2', '3', '4', '5')),
    capacity     integer NOT NULL CHECK (capacity > 0),
    start_date   date NOT NULL,
    end_date     date NOT NULL,
    cost         numeric(12, 2) NOT NULL CHECK (cost >= 0),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date >= start_date),
    UNIQUE (provider_id, code)
);
CREATE INDEX courses_occupation ON courses (occupation, start_date);

CREATE TABLE enrolments (
    id                 uuid PRIMARY KEY,
    course_id          uuid NOT NULL REFERENCES courses (id),
    job_seeker_id      uuid NOT NULL REFERENCES job_seekers (id),
    -- enrolled → completed (passed) | failed | withdrawn (frees the seat)
    status             text NOT NULL DEFAULT 'enrolled'
        CHECK (status IN ('enrolled', 'completed', 'failed', 'withdrawn')),
    completed_on       date,
    certificate_no     text,
    certificate_level  text CHECK (certificate_level IN ('1', '2', '3', '4', '5')),
    created_by         text NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (course_id, job_seeker_id),
    CHECK (status NOT IN ('completed', 'failed') OR completed_on IS NOT NULL),
    CHECK (certificate_no IS NULL OR status = 'completed')
);
CREATE INDEX enrolments_job_seeker ON enrolments (job_seeker_id);
CREATE INDEX enrolments_completed ON enrolments (completed_on) WHERE status = 'completed';

CREATE TABLE training_attendance (
    enrolment_id  uuid NOT NULL REFERENCES enrolments (id),
    day           date NOT NULL,
    present       boolean NOT NULL,
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrolment_id, day)
);
