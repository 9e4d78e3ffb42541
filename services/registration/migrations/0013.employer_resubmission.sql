-- depends: 0012.certificate_requests
-- A rejected registration may be submitted again (the reasons fixed): each review is a round with
-- its own deadline workflow.

ALTER TABLE employers ADD COLUMN review_round integer NOT NULL DEFAULT 0 CHECK (review_round >= 0);
