-- depends: 0010.employers
-- The review deadline's escalations (warning, overdue) as operations see them, and the
-- employer's own late registration (R-REG-3: within 30 days of founding).

ALTER TABLE employers
    ADD COLUMN review_warned_at timestamptz,
    ADD COLUMN review_overdue_at timestamptz,
    ADD COLUMN late_registration boolean NOT NULL DEFAULT false;

CREATE INDEX employers_review_overdue ON employers (review_due_on) WHERE review_overdue;
