-- depends: 0022.city_of
-- R-NOTICE-1: every decision that affects a person's rights is given in writing (决定书/告知书),
-- once per decision, as a PDF kept unchanged with its SHA-256; its delivery starts the appeal
-- clock (R-APPEAL-1: 60 days for 行政复议, 6 months for 行政诉讼).
CREATE TABLE decision_notices (
    id                      uuid PRIMARY KEY,
    claim_id                uuid NOT NULL REFERENCES claims (id),
    kind                    text NOT NULL CHECK (kind IN (
                                'claim_approved', 'claim_rejected', 'benefit_stopped',
                                'overpayment_recovery', 'subsidy_refused')),
    -- The decision the notice is about: the claim (approval, rejection, stop), the overpayment,
    -- or the subsidy event.
    decision_ref            text NOT NULL CHECK (decision_ref <> ''),
    issued_at               timestamptz NOT NULL DEFAULT clock_now(),
    issued_by               text NOT NULL,
    pdf                     bytea NOT NULL,
    sha256                  text NOT NULL CHECK (sha256 = encode(sha256(pdf), 'hex')),
    appeal_rights_included  boolean NOT NULL,
    UNIQUE (kind, decision_ref)
);
CREATE INDEX decision_notices_claim ON decision_notices (claim_id, issued_at);

CREATE FUNCTION decision_notices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is immutable: a notice issued stays as it was given', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER decision_notices_no_change BEFORE UPDATE OR DELETE ON decision_notices
    FOR EACH ROW EXECUTE FUNCTION decision_notices_immutable();

-- One delivery per notice; the delivery date (China date) starts the appeal clock.
CREATE TABLE notice_deliveries (
    notice_id       uuid PRIMARY KEY REFERENCES decision_notices (id),
    channel         text NOT NULL CHECK (channel IN ('in_person', 'post', 'online')),
    delivered_on    date NOT NULL,
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_now()
);
CREATE TRIGGER notice_deliveries_no_change BEFORE UPDATE OR DELETE ON notice_deliveries
    FOR EACH ROW EXECUTE FUNCTION decision_notices_immutable();
