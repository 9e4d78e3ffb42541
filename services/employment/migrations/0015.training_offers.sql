-- depends: 0014.guidance
-- R-STOP-1 counts refusals of a suitable job *or training* offered by the agency: a referral may
-- offer a course instead of a vacancy; accepting it enrols the person (capacity enforced).

ALTER TABLE referrals
    ALTER COLUMN vacancy_id DROP NOT NULL,
    ADD COLUMN course_id     uuid REFERENCES courses (id),
    ADD COLUMN enrolment_id  uuid UNIQUE REFERENCES enrolments (id),
    ADD CONSTRAINT referrals_one_target CHECK ((vacancy_id IS NULL) <> (course_id IS NULL)),
    ADD CONSTRAINT referrals_course_once UNIQUE (course_id, job_seeker_id),
    DROP CONSTRAINT referrals_status_check,
    ADD CONSTRAINT referrals_status_check
        CHECK (status IN ('pending', 'hired', 'enrolled', 'refused', 'not_suitable', 'no_response')),
    ADD CONSTRAINT referrals_outcome_fits_target
        CHECK ((status <> 'hired' OR vacancy_id IS NOT NULL) AND (status <> 'enrolled' OR course_id IS NOT NULL));
