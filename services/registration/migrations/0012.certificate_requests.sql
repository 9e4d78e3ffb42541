-- depends: 0011.employer_review
-- Renewal (换证) and replacement (补证) are keyed by the application's own number, so a retried
-- request finds the certificate it already issued.

ALTER TABLE employer_certificates ADD COLUMN request_key text;
CREATE UNIQUE INDEX employer_certificates_request_key
    ON employer_certificates (employer_id, request_key) WHERE request_key IS NOT NULL;
