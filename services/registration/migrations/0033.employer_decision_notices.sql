-- depends: 0031.decision_approvals
-- R-NOTICE-1 / R-APPEAL-1 (社会保险法 art. 83): a contribution assessment (R-DECL-1: 110% of the
-- previous month), a settlement with its late fees (R-LATE-1) and a fine are decisions that affect
-- an employer's rights, given in writing (决定书) with the appeal rights (行政复议 60 days, 行政诉讼
-- 6 months), once per decision, in the deciding transaction. As benefits' decision_notices (0023,
-- 0026-0028): the text (HTML) fixed at the decision, the PDF made from it once and kept with its
-- SHA-256, nothing changed or removed afterwards; one delivery per notice, whose date starts the
-- appeal clock.
CREATE TABLE employer_decision_notice_kinds (
    kind    text PRIMARY KEY CHECK (kind ~ '^[a-z_]+$')
);
INSERT INTO employer_decision_notice_kinds (kind) VALUES
    ('contribution_assessed'), ('contribution_settled'), ('contribution_fine');

CREATE TABLE employer_decision_notices (
    id                      uuid PRIMARY KEY,
    employer_id             uuid NOT NULL REFERENCES employers (id),
    kind                    text NOT NULL REFERENCES employer_decision_notice_kinds (kind),
    -- The decision: the declaration assessed or settled, or the fine.
    decision_ref            text NOT NULL CHECK (decision_ref <> ''),
    issued_at               timestamptz NOT NULL DEFAULT clock_now(),
    -- The order notices were issued in, even for several in one transaction (an assessment run).
    issued_seq              bigint GENERATED ALWAYS AS IDENTITY,
    issued_by               text NOT NULL,
    html                    text NOT NULL CHECK (html <> ''),
    pdf                     bytea,
    sha256                  text,
    appeal_rights_included  boolean NOT NULL,
    CONSTRAINT employer_decision_notices_pdf_with_hash
        CHECK ((pdf IS NULL) = (sha256 IS NULL) AND (sha256 IS NULL OR sha256 = encode(sha256(pdf), 'hex'))),
    UNIQUE (kind, decision_ref)
);
CREATE INDEX employer_decision_notices_employer ON employer_decision_notices (employer_id, issued_seq);

-- The one change a notice may see: its PDF (and hash) set once where there was none.
CREATE FUNCTION employer_decision_notices_pdf_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.pdf IS NULL AND NEW.pdf IS NOT NULL
       AND (NEW.id, NEW.employer_id, NEW.kind, NEW.decision_ref, NEW.issued_at, NEW.issued_seq, NEW.issued_by,
            NEW.appeal_rights_included, NEW.html)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.employer_id, OLD.kind, OLD.decision_ref, OLD.issued_at, OLD.issued_seq, OLD.issued_by,
            OLD.appeal_rights_included, OLD.html) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is immutable: a notice issued stays as it was given', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER employer_decision_notices_no_change BEFORE UPDATE OR DELETE ON employer_decision_notices
    FOR EACH ROW EXECUTE FUNCTION employer_decision_notices_pdf_once();

CREATE FUNCTION employer_notice_deliveries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is immutable: a delivery recorded stays as it was recorded', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

-- One delivery per notice (in person at the desk, by post, online); its China date starts the
-- appeal clock (R-APPEAL-1).
CREATE TABLE employer_notice_deliveries (
    notice_id       uuid PRIMARY KEY REFERENCES employer_decision_notices (id),
    channel         text NOT NULL CHECK (channel IN ('in_person', 'post', 'online')),
    delivered_on    date NOT NULL,
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_now()
);
CREATE TRIGGER employer_notice_deliveries_no_change BEFORE UPDATE OR DELETE ON employer_notice_deliveries
    FOR EACH ROW EXECUTE FUNCTION employer_notice_deliveries_immutable();
