-- depends: 0033.claim_decision_round
-- R-CORR-1 with R-MED-1: a correction that finds a medical-premium month underpaid (a start date
-- moved onto a higher premium rate) transfers the difference once, like the benefit's arrears: ONE
-- medical_premium instruction per correction for the sum, keyed by the correction (never twice),
-- on the premiums' own path (the payroll run transfers it to the medical-insurance fund, not to a
-- bank account). A correction now has at most one instruction of each kind: 'arrears' (the
-- benefit, 补发) and 'medical_premium' (补缴); monthly instructions keep correction_id NULL.
ALTER TABLE payments DROP CONSTRAINT payments_correction_id_key;
ALTER TABLE payments ADD CONSTRAINT payments_once_per_correction_kind UNIQUE (correction_id, kind);
ALTER TABLE payments DROP CONSTRAINT payments_arrears_of_a_correction;
ALTER TABLE payments ADD CONSTRAINT payments_arrears_of_a_correction CHECK (
    (kind <> 'arrears' OR correction_id IS NOT NULL)
    AND (correction_id IS NULL OR kind IN ('arrears', 'medical_premium')));
