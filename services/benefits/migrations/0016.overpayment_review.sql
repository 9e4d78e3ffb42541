-- depends: 0015.audit_review_items
-- R-FRAUD-1: no adverse decision without a human review. An overpayment found at a stop is a
-- proposal until a case manager decides to recover or waive it; finance then records recovery.
ALTER TABLE overpayments DROP CONSTRAINT overpayments_recovery_status_check;
ALTER TABLE overpayments ADD CONSTRAINT overpayments_recovery_status_check
    CHECK (recovery_status IN ('proposed', 'to_recover', 'recovered', 'waived'));
ALTER TABLE overpayments ALTER COLUMN recovery_status SET DEFAULT 'proposed';
ALTER TABLE overpayments
    ADD COLUMN decided_by text,
    ADD COLUMN decided_at timestamptz,
    ADD COLUMN decision_note text,
    ADD COLUMN recovered_by text,
    ADD COLUMN recovered_at timestamptz,
    ADD COLUMN recovery_ref text;
