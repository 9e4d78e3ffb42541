-- depends: 0023.decision_notices
-- R-NOTICE-1: a decision commits with its notice's text (the rendered HTML, fixed then); the PDF is
-- made from that text once, off the deciding transaction (rendering takes tenths of a second of
-- CPU: 64 decisions at once must not hold the pool), and then never changes.
ALTER TABLE decision_notices ADD COLUMN html text;
ALTER TABLE decision_notices ALTER COLUMN pdf DROP NOT NULL, ALTER COLUMN sha256 DROP NOT NULL;
ALTER TABLE decision_notices DROP CONSTRAINT decision_notices_check;  -- sha256 = the hash of pdf (0023)
ALTER TABLE decision_notices ADD CONSTRAINT decision_notices_pdf_with_hash
    CHECK ((pdf IS NULL) = (sha256 IS NULL) AND (sha256 IS NULL OR sha256 = encode(sha256(pdf), 'hex')));
ALTER TABLE decision_notices ADD CONSTRAINT decision_notices_text_or_pdf CHECK (html IS NOT NULL OR pdf IS NOT NULL);
CREATE INDEX decision_notices_to_render ON decision_notices (issued_at) WHERE pdf IS NULL;

-- The one change a notice may see: its PDF (and hash) set once where there was none.
CREATE FUNCTION decision_notices_pdf_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.pdf IS NULL AND NEW.pdf IS NOT NULL
       AND (NEW.id, NEW.claim_id, NEW.kind, NEW.decision_ref, NEW.issued_at, NEW.issued_by,
            NEW.appeal_rights_included, NEW.html)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.claim_id, OLD.kind, OLD.decision_ref, OLD.issued_at, OLD.issued_by,
            OLD.appeal_rights_included, OLD.html) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is immutable: a notice issued stays as it was given', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
DROP TRIGGER decision_notices_no_change ON decision_notices;
CREATE TRIGGER decision_notices_no_change BEFORE UPDATE OR DELETE ON decision_notices
    FOR EACH ROW EXECUTE FUNCTION decision_notices_pdf_once();
