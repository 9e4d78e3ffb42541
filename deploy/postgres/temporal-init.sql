-- Temporal's own role and databases, in the same PostgreSQL server as the services' (init.sql).
--
-- Mounted into the production postgres container beside init.sql as
-- /docker-entrypoint-initdb.d/temporal-init.sql: the image runs both once, in name order
-- (init.sql, then this file), as the superuser, against POSTGRES_DB (uis), on the first start
-- of an empty data volume only. Idempotent all the same, so it can be run again by hand:
--   psql -U postgres -d uis -f temporal-init.sql   (with TEMPORAL_DB_PASSWORD in the environment)
--
-- Role `temporal`: owns the databases `temporal` and `temporal_visibility` and nothing else; no
-- privilege on the services' schemas in `uis` (init.sql closes those to everyone but their owner).
-- The databases are created HERE, not by temporalio/auto-setup, which runs with
-- SKIP_DB_CREATE=true: auto-setup never creates a database named like its user (DBNAME=temporal,
-- POSTGRES_USER=temporal), expecting POSTGRES_DB to have made it, and ours is `uis`. So the role
-- needs no CREATEDB. auto-setup creates and updates the schemas inside them on every start.
--
-- Password: TEMPORAL_DB_PASSWORD from psql's environment when set (set it in the production
-- container's environment), otherwise `temporal`: fine on a developer machine, never in
-- production. (\getenv needs psql 15 or later, i.e. a postgres:15+ image.)

\set ON_ERROR_STOP on
SET client_min_messages = warning;

\getenv temporal_password TEMPORAL_DB_PASSWORD
\if :{?temporal_password}
\else
\set temporal_password temporal
\endif

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'temporal') THEN
        CREATE ROLE temporal LOGIN;
    END IF;
END
$$;
ALTER ROLE temporal LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

-- psql variables are not expanded inside dollar quotes: set the password here.
SELECT format('ALTER ROLE temporal PASSWORD %L', :'temporal_password') \gexec

-- CREATE DATABASE cannot run in a DO block (nor in a transaction): generate it, run it with \gexec.
SELECT format('CREATE DATABASE %I OWNER temporal', d)
FROM unnest(ARRAY['temporal', 'temporal_visibility']) AS d
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = d) \gexec

ALTER DATABASE temporal OWNER TO temporal;
ALTER DATABASE temporal_visibility OWNER TO temporal;

-- Only their owner (and superusers) may connect: the services' roles have no business there.
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
