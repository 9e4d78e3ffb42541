-- depends: 0027.decision_notice_order
-- R-NOTICE-1: the kinds of written decision are a table, not a CHECK list, so that each due-process
-- step (R-RFI-1 request for documents, R-APPEAL-1, R-CORR-1) adds its own kind in its own migration.
CREATE TABLE decision_notice_kinds (
    kind    text PRIMARY KEY CHECK (kind ~ '^[a-z_]+$')
);
INSERT INTO decision_notice_kinds (kind) VALUES
    ('claim_approved'), ('claim_rejected'), ('benefit_stopped'), ('overpayment_recovery'), ('subsidy_refused');

ALTER TABLE decision_notices DROP CONSTRAINT decision_notices_kind_check;
ALTER TABLE decision_notices ADD CONSTRAINT decision_notices_kind_known
    FOREIGN KEY (kind) REFERENCES decision_notice_kinds (kind);
