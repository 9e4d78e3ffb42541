-- depends: 0024.employer_submitted_on
-- One clock (R-TIME-1) in SQL too: clock_now() is the request's reading of the service's clock,
-- which the service sets on the connection it hands the request (shared/db.py, setting
-- uis.clock_now), and the server's now() outside a request. Every timestamp default of this
-- schema reads it, so rows stamped during a request agree with the dates the service computed.
CREATE FUNCTION clock_now() RETURNS timestamptz
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(nullif(current_setting('uis.clock_now', true), '')::timestamptz, now()) $$;

DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT c.table_name, c.column_name, c.column_default
        FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.column_default LIKE '%now()%'
          AND c.table_name NOT IN ('outbox') AND c.table_name NOT LIKE '\_yoyo%'
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT %s', col.table_name, col.column_name,
                       replace(col.column_default, 'now()', 'clock_now()'));
    END LOOP;
END
$$;
