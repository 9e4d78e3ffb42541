-- depends: 0026.decision_notice_pdf_once
-- The order notices were issued in, even for two issued at the same instant (one transaction, or
-- the same clock reading): the list reads in this order.
ALTER TABLE decision_notices ADD COLUMN issued_seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX decision_notices_claim;
CREATE INDEX decision_notices_claim ON decision_notices (claim_id, issued_seq);
