-- depends: 0019.clock_now
-- R-STOP-1: a stop inside a benefit month whose instruction is issued but still in the fund
-- (payable, or sent back by the bank) cuts the instruction to the share kept before any run pays
-- it. The row keeps what it was, why, who and when (an overpayment is only for money that left).
ALTER TABLE payments
    ADD COLUMN original_amount numeric(12, 2),
    ADD COLUMN adjusted_reason text,
    ADD COLUMN adjusted_by     text,
    ADD COLUMN adjusted_at     timestamptz,
    ADD CONSTRAINT payments_adjustment_recorded CHECK (
        (original_amount IS NULL) = (adjusted_reason IS NULL)
        AND (original_amount IS NULL) = (adjusted_by IS NULL)
        AND (original_amount IS NULL) = (adjusted_at IS NULL)),
    ADD CONSTRAINT payments_adjusted_down CHECK (original_amount IS NULL OR amount < original_amount);
