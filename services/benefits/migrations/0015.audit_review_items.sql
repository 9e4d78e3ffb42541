-- depends: 0014.medical_premium_once
-- Audit cross-match (稽核, R-FRAUD-1): a benefit month overlapping a new contribution record of the
-- same person becomes a review item for a case manager — never an automatic stop.
CREATE TABLE audit_review_items (
    id              uuid PRIMARY KEY,
    claim_id        uuid NOT NULL REFERENCES claims (id),
    payment_id      uuid NOT NULL REFERENCES payments (id),
    benefit_month   integer NOT NULL,
    source          text NOT NULL CHECK (source IN ('contribution_record', 'employment_registration')),
    employer_id     uuid,
    overlap_month   char(7) NOT NULL CHECK (overlap_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
    detected_by     text NOT NULL,
    detected_at     timestamptz NOT NULL DEFAULT now(),
    reviewed_by     text,
    reviewed_at     timestamptz,
    review_note     text,
    CHECK ((status = 'open') = (reviewed_by IS NULL)),
    CONSTRAINT audit_review_items_once UNIQUE NULLS NOT DISTINCT (claim_id, benefit_month, source, employer_id, overlap_month)
);
CREATE INDEX audit_review_items_open ON audit_review_items (status, detected_at);
