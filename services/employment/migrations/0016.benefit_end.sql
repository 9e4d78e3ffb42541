-- depends: 0015.training_offers
-- When the person's benefit ended (entitlement used up, or stopped), told by the claimant's
-- journey: "drew benefit in a period" in the statistics is then exact (seed: re-employment rate
-- of people who drew benefit).
ALTER TABLE job_seekers
    ADD COLUMN benefit_ended_on   date,
    ADD COLUMN benefit_end_reason text CHECK (benefit_end_reason IN ('entitlement_exhausted', 'benefit_stopped')),
    ADD CONSTRAINT job_seekers_benefit_end_complete CHECK ((benefit_ended_on IS NULL) = (benefit_end_reason IS NULL));
