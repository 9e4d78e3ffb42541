-- depends: 0012.vacancies_referrals
-- R-MON-1: the monthly job-search report (求职情况报告), one per job seeker and calendar month
-- (China time), with when and how it was made.

CREATE TABLE job_search_reports (
    id                   uuid PRIMARY KEY,
    job_seeker_id        uuid NOT NULL REFERENCES job_seekers (id),
    report_month         char(7) NOT NULL CHECK (report_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    reported_on          date NOT NULL,
    reported_at          timestamptz NOT NULL,
    channel              text NOT NULL CHECK (channel IN ('service_point', 'online')),
    applications_made    integer NOT NULL CHECK (applications_made BETWEEN 0 AND 1000),
    interviews           integer NOT NULL DEFAULT 0 CHECK (interviews BETWEEN 0 AND 1000),
    guidance_attended    boolean NOT NULL DEFAULT false,
    training_attended    boolean NOT NULL DEFAULT false,
    notes                text CHECK (length(notes) <= 1000),
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_seeker_id, report_month)
);
