-- depends: 0021.first_training_offer
-- R-CTRL-1: the acceptance of a refusal stop proposal (R-STOP-1) stops the benefit: prepared by one
-- case manager, approved by another (kind claim_stop, shared/four_eyes.py). The same DDL as the
-- benefits and registration schemas' decision_approvals and four_eyes_policies.
-- R-CTRL-1 (社会保险经办机构内部控制暂行办法): a decision that pays or takes away money is prepared by
-- one person and approved by another (shared/four_eyes.py). The same DDL in each service schema
-- that has such decisions.
CREATE TABLE decision_approvals (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('claim_approval', 'claim_stop', 'overpayment_decision',
                        'uscc_override', 'payroll_release', 'bank_account_change')),
    subject_id      text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 64),
    -- The prepared request body (internal IDs, dates, codes, amounts; a bank account change's
    -- account details, answered masked and never logged).
    payload         jsonb NOT NULL,
    district        char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    status          text NOT NULL DEFAULT 'prepared'
                        CHECK (status IN ('prepared', 'approved', 'rejected', 'withdrawn')),
    prepared_by     text NOT NULL,
    prepared_role   text NOT NULL,
    prepared_at     timestamptz NOT NULL DEFAULT clock_now(),
    reason          text,
    decided_by      text,
    decided_role    text,
    decided_at      timestamptz,
    decision_reason text,
    CHECK ((status = 'prepared') = (decided_by IS NULL AND decided_at IS NULL AND decided_role IS NULL)),
    -- Never the same person twice (the withdrawal is the preparer's own).
    CHECK (status NOT IN ('approved', 'rejected') OR decided_by <> prepared_by),
    CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
);
-- One open prepared decision per subject and kind.
CREATE UNIQUE INDEX decision_approvals_one_open ON decision_approvals (kind, subject_id) WHERE status = 'prepared';
CREATE INDEX decision_approvals_worklist ON decision_approvals (status, prepared_at);

-- The audit record: it changes only once, from prepared to approved / rejected / withdrawn, and
-- only in the decision's columns; it is never deleted.
CREATE FUNCTION decision_approvals_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'decision_approvals: an approval is never deleted (R-CTRL-1)'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status <> 'prepared' OR NEW.status NOT IN ('approved', 'rejected', 'withdrawn')
       OR (NEW.id, NEW.kind, NEW.subject_id, NEW.payload, NEW.district, NEW.prepared_by, NEW.prepared_role,
           NEW.prepared_at, NEW.reason)
          IS DISTINCT FROM
          (OLD.id, OLD.kind, OLD.subject_id, OLD.payload, OLD.district, OLD.prepared_by, OLD.prepared_role,
           OLD.prepared_at, OLD.reason) THEN
        RAISE EXCEPTION 'decision_approvals: only prepared -> approved/rejected/withdrawn (R-CTRL-1)'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER decision_approvals_decided_once BEFORE UPDATE OR DELETE ON decision_approvals
    FOR EACH ROW EXECUTE FUNCTION decision_approvals_decided_once();

-- The province parameter four_eyes_decisions (effective-dated, shared/policies.py); with no row in
-- force every listed kind needs a second person.
CREATE TABLE four_eyes_policies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code       char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]0000$'),
    effective_from  date NOT NULL,
    effective_to    date CHECK (effective_to IS NULL OR effective_to > effective_from),
    decisions       text[] NOT NULL CHECK (decisions <@ ARRAY['claim_approval', 'claim_stop',
                        'overpayment_decision', 'uscc_override', 'payroll_release', 'bank_account_change']),
    source          text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
    is_sample       boolean NOT NULL DEFAULT false,
    created_by      text,
    created_at      timestamptz NOT NULL DEFAULT clock_now(),
    UNIQUE (area_code, effective_from)
);
