-- depends: 0013.transfer_subsidy_ratio
-- A medical premium (R-MED-1) is transferred to the medical-insurance fund by a payroll run,
-- once: at most one outflow entry per premium instruction.
CREATE UNIQUE INDEX fund_ledger_medical_premium_once ON fund_ledger (payment_id)
    WHERE kind = 'medical_premium' AND amount > 0;
