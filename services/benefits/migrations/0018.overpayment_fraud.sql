-- depends: 0017.ledger_recoveries
-- R-FRAUD-1 (社会保险法第八十八条): benefits obtained by fraud are recovered and fined 2 to 5 times
-- the amount. A case manager's finding, recorded with the recovery decision (never automatic).
ALTER TABLE overpayments
    ADD COLUMN fraud             boolean NOT NULL DEFAULT false,
    ADD COLUMN fraud_fine_amount numeric(12, 2) CHECK (fraud_fine_amount > 0),
    ADD CONSTRAINT overpayments_fraud_fine CHECK (fraud = (fraud_fine_amount IS NOT NULL)),
    ADD CONSTRAINT overpayments_fraud_recovered CHECK (NOT fraud OR recovery_status <> 'waived');
