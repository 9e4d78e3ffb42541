-- depends: 0020.contributions
-- 失业登记 grown (R-UREG-1): the registration is linked to the employment whose end it follows,
-- when the agency holds one (the employer's separation filed under R-EMP-1). The applicant's
-- stated separation date and reason stay as recorded; the employer's record is read through
-- the link, so a case manager sees when the two differ.

ALTER TABLE unemployment_registrations
    ADD COLUMN employment_id uuid REFERENCES employments (id),
    -- 'employer_record': linked to a separated employment; 'applicant': only the person's statement.
    ADD COLUMN separation_source text NOT NULL DEFAULT 'applicant'
        CHECK (separation_source IN ('applicant', 'employer_record')),
    ADD CONSTRAINT unemployment_registrations_source_matches_link
        CHECK ((separation_source = 'employer_record') = (employment_id IS NOT NULL));

CREATE INDEX unemployment_registrations_employment ON unemployment_registrations (employment_id)
    WHERE employment_id IS NOT NULL;
