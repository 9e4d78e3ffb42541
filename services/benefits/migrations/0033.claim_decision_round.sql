-- depends: 0032.corrections
-- R-APPEAL-1: a reconsideration body may order the agency to decide again (责令重新作出); the
-- claim's new decision is a decision of its own: its written notice (R-NOTICE-1) and its signal
-- to the journey are keyed by the claim and this round, so the first round's notice and outbox
-- key stay as they were and the new ones are neither refused as repeats nor swallowed.
ALTER TABLE claims ADD COLUMN decision_round integer NOT NULL DEFAULT 1 CHECK (decision_round >= 1);
