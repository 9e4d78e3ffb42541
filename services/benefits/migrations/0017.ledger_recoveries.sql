-- depends: 0016.overpayment_review
-- R-FUND-1 / R-FRAUD-1: money recovered from an overpayment flows back into the fund. It is a
-- negative entry of its own kind, naming the overpayment (once), not a reversal of an entry.
ALTER TABLE fund_ledger ADD COLUMN overpayment_id uuid UNIQUE REFERENCES overpayments (id);
ALTER TABLE fund_ledger DROP CONSTRAINT fund_ledger_check;
ALTER TABLE fund_ledger ADD CONSTRAINT fund_ledger_sign CHECK (
    CASE WHEN kind = 'overpayment_recovery'
         THEN amount < 0 AND reverses_entry_id IS NULL AND overpayment_id IS NOT NULL
         ELSE (amount < 0) = (reverses_entry_id IS NOT NULL) AND overpayment_id IS NULL
    END);
