-- depends: 0025.clock_now
-- R-SPELL-1: a 失业登记 is one spell of unemployment. It ends (注销失业登记) with a date and a
-- reason, recorded once; the person may then register again (a new spell). People without an
-- insured separation (graduates, closed businesses: 常住地失业登记) register too: basis
-- 'residence', with no separation date or reason, and a category saying why.

ALTER TABLE unemployment_registrations
    ADD COLUMN basis text NOT NULL DEFAULT 'insured_separation'
        CHECK (basis IN ('insured_separation', 'residence')),
    ADD COLUMN residence_category text
        CHECK (residence_category IN ('graduate', 'closed_business', 'other_without_insured_work')),
    ADD COLUMN ended_on date,
    ADD COLUMN end_reason text CHECK (end_reason IN (
        're_employed', 'claim_rejected', 'entitlement_exhausted', 'benefit_stopped', 'transferred_out',
        'died', 'pension', 'enlisted', 'emigrated', 'imprisoned', 'refused_services', 'no_contact',
        'no_longer_seeking', 'incapacity', 'enrolled_in_education', 'other')),
    ADD COLUMN end_evidence_ref text CHECK (length(end_evidence_ref) BETWEEN 1 AND 200),
    ADD COLUMN ended_by text,
    ADD COLUMN ended_at timestamptz;

ALTER TABLE unemployment_registrations
    ALTER COLUMN separation_date DROP NOT NULL,
    ALTER COLUMN separation_reason DROP NOT NULL,
    ADD CONSTRAINT unemployment_registrations_separation_by_basis CHECK (
        (basis = 'insured_separation' AND separation_date IS NOT NULL AND separation_reason IS NOT NULL
            AND residence_category IS NULL)
        OR (basis = 'residence' AND separation_date IS NULL AND separation_reason IS NULL
            AND residence_category IS NOT NULL AND employment_id IS NULL)),
    -- Closed exactly when it has ended, with its reason; an end is never before the registration.
    ADD CONSTRAINT unemployment_registrations_end_is_closure CHECK (
        (status = 'closed') = (ended_on IS NOT NULL)
        AND (ended_on IS NULL) = (end_reason IS NULL)
        AND (ended_on IS NULL OR ended_on >= registration_date));

CREATE INDEX unemployment_registrations_person ON unemployment_registrations (person_id, registration_date);
