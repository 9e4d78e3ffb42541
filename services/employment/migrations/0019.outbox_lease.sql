-- depends: 0018.clock_now
-- The outbox relay claims due rows with a short lease and sends them with no lock held; a row
-- that fails waits out its own backoff (next_attempt_at), so no row waits behind failing ones.
ALTER TABLE outbox
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN leased_until timestamptz;
DROP INDEX IF EXISTS outbox_unsent;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;
