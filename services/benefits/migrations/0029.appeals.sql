-- depends: 0028.decision_notice_kinds
-- R-APPEAL-1: an application for 行政复议 or a suit (行政诉讼) against a written decision
-- (R-NOTICE-1). The person is the claim's (person_id; no name or ID number here). The agency's
-- written reply and evidence are due 10 days after it received the application copy; the body's
-- outcome is carried out in the transaction that records it.
CREATE TABLE appeals (
    id                   uuid PRIMARY KEY,
    notice_id            uuid NOT NULL REFERENCES decision_notices (id),
    claim_id             uuid NOT NULL REFERENCES claims (id),
    person_id            uuid NOT NULL,
    kind                 text NOT NULL CHECK (kind IN ('reconsideration', 'litigation')),
    lodged_on            date NOT NULL,
    received_on          date NOT NULL CHECK (received_on >= lodged_on),
    reply_due_on         date NOT NULL CHECK (reply_due_on = received_on + 10),
    -- The reconsideration body (复议机关) or the court, and its case number (案号): one case per body.
    body                 text NOT NULL CHECK (body <> ''),
    case_number          text NOT NULL CHECK (case_number <> ''),
    recorded_by          text NOT NULL,
    recorded_at          timestamptz NOT NULL DEFAULT clock_now(),
    reply_filed_on       date,
    reply_filed_by       text,
    reply_filed_at       timestamptz,
    outcome              text CHECK (outcome IN ('upheld', 'revoked', 'changed', 'declared_unlawful', 'redecide')),
    outcome_decided_on   date,
    outcome_reference    text,
    outcome_received_on  date,
    outcome_recorded_by  text,
    outcome_recorded_at  timestamptz,
    UNIQUE (body, case_number),
    CHECK ((reply_filed_on IS NULL) = (reply_filed_by IS NULL)),
    CHECK ((outcome IS NULL) = (outcome_decided_on IS NULL)
           AND (outcome IS NULL) = (outcome_reference IS NULL)
           AND (outcome IS NULL) = (outcome_received_on IS NULL)
           AND (outcome IS NULL) = (outcome_recorded_by IS NULL))
);
-- One appeal at a time against a decision (复议 and 诉讼 are not pursued side by side).
CREATE UNIQUE INDEX appeals_one_open_per_notice ON appeals (notice_id) WHERE outcome IS NULL;
CREATE INDEX appeals_open_by_due ON appeals (reply_due_on) WHERE outcome IS NULL;
CREATE INDEX appeals_claim ON appeals (claim_id);
