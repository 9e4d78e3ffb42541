-- depends: 0028.decision_notice_kinds
-- R-RFI-1 一次性告知: when a claim is incomplete, the agency tells the applicant once, in writing,
-- of every missing document (one request per claim, all its documents at once). The review period
-- (R-REV-1) is paused meanwhile and counts again from the receipt of complete materials; past the
-- province's supply deadline the claim is closed as incomplete, with its own notice.

-- The supply deadline (补正期限) in days after the request: an effective-dated policy family on the
-- shared policy base (shared/policies.py: area chain district → city → province).
CREATE TABLE document_supply_policies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code       char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from  date NOT NULL,
    effective_to    date,
    supply_days     integer NOT NULL CHECK (supply_days BETWEEN 1 AND 365),
    source          text NOT NULL CHECK (source <> ''),
    is_sample       boolean NOT NULL DEFAULT false,
    created_by      text NOT NULL DEFAULT 'migration',
    created_at      timestamptz NOT NULL DEFAULT clock_now(),
    first_used_at   timestamptz,
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    UNIQUE (area_code, effective_from)
);
CREATE TRIGGER document_supply_policies_frozen BEFORE UPDATE OR DELETE ON document_supply_policies
    FOR EACH ROW EXECUTE FUNCTION policy_row_frozen_once_used();

-- DOMAIN.md gives no number: a SAMPLE, not an official figure.
INSERT INTO document_supply_policies (area_code, effective_from, supply_days, source, is_sample)
VALUES ('430000', DATE '2011-07-01', 30,
        'SAMPLE: 自一次性告知之日起30日内补正材料 (R-RFI-1), 示例数据, 非正式政策', true);

CREATE TABLE document_requests (
    id                uuid PRIMARY KEY,
    -- R-RFI-1: once per claim.
    claim_id          uuid NOT NULL UNIQUE REFERENCES claims (id),
    requested_by      text NOT NULL,
    requested_at      timestamptz NOT NULL,
    requested_on      date NOT NULL,
    supply_policy_id  bigint NOT NULL REFERENCES document_supply_policies (id),
    due_on            date NOT NULL CHECK (due_on > requested_on),
    -- The review deadline the request paused (R-REV-1), as it stood.
    paused_review_due_at timestamptz NOT NULL,
    status            text NOT NULL DEFAULT 'awaiting'
                      CHECK (status IN ('awaiting', 'received', 'closed_incomplete')),
    received_by       text,
    received_at       timestamptz,
    closed_by         text,
    closed_at         timestamptz,
    CHECK ((status = 'received') = (received_at IS NOT NULL)
           AND (received_at IS NULL) = (received_by IS NULL)),
    CHECK ((status = 'closed_incomplete') = (closed_at IS NOT NULL)
           AND (closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX document_requests_awaiting ON document_requests (due_on) WHERE status = 'awaiting';

-- Every missing document, in the order the case manager listed them.
CREATE TABLE requested_documents (
    request_id   uuid NOT NULL REFERENCES document_requests (id),
    position     integer NOT NULL CHECK (position >= 1),
    kind         text NOT NULL CHECK (kind IN (
                     'id_document', 'separation_proof', 'contribution_proof', 'bank_account',
                     'residence_proof', 'other')),
    description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
    PRIMARY KEY (request_id, position)
);

-- The claim shows its paused review clock; closed as incomplete is a status of its own.
ALTER TABLE claims
    ADD COLUMN review_paused_since timestamptz,
    ADD COLUMN documents_due_on date,
    ADD CONSTRAINT claims_paused_has_due CHECK ((review_paused_since IS NULL) = (documents_due_on IS NULL)),
    ADD CONSTRAINT claims_paused_only_pending CHECK (review_paused_since IS NULL OR status = 'pending_review');
ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('pending_review', 'approved', 'rejected', 'stopped', 'closed_incomplete'));

-- R-NOTICE-1: the request (告知书) and the closure are written notices of their own.
INSERT INTO decision_notice_kinds (kind) VALUES ('documents_requested'), ('claim_closed_incomplete');
