-- Roles and schemas of the three services, in the CURRENT database.
--
-- Idempotent: safe to run again on every start (scripts/pg.sh runs it against
-- both `uis` and `uis_test`). It is also mounted into the production postgres
-- container as /docker-entrypoint-initdb.d/init.sql, where the image runs it
-- once, as the superuser, against POSTGRES_DB (set POSTGRES_DB=uis there).
-- Databases themselves are created by scripts/pg.sh locally and by
-- POSTGRES_DB in the container: CREATE DATABASE cannot run inside a DO block.
--
-- Passwords: taken from the environment of psql when set
--   UIS_REGISTRATION_DB_PASSWORD, UIS_BENEFITS_DB_PASSWORD, UIS_EMPLOYMENT_DB_PASSWORD
-- (set them in the production container's environment), otherwise equal to
-- the role name: fine on a developer machine or CI, never in production.
-- (\getenv needs psql 15 or later, i.e. a postgres:15+ image.)
--
-- Isolation: each role owns exactly one schema and gets no privilege on the
-- other services' schemas; nobody may create objects in schema public.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

\getenv registration_password UIS_REGISTRATION_DB_PASSWORD
\getenv benefits_password UIS_BENEFITS_DB_PASSWORD
\getenv employment_password UIS_EMPLOYMENT_DB_PASSWORD
\if :{?registration_password}
\else
\set registration_password registration
\endif
\if :{?benefits_password}
\else
\set benefits_password benefits
\endif
\if :{?employment_password}
\else
\set employment_password employment
\endif

-- Roles are cluster-wide: create them once, then (re)assert their attributes.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['registration', 'benefits', 'employment'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', r);
        END IF;
        EXECUTE format(
            'ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', r, r);
    END LOOP;
END
$$;

-- psql variables are not expanded inside dollar quotes: set passwords here.
-- (\gexec runs the generated statement; %L quotes the literal.)
SELECT format('ALTER ROLE registration PASSWORD %L', :'registration_password') \gexec
SELECT format('ALTER ROLE benefits PASSWORD %L', :'benefits_password') \gexec
SELECT format('ALTER ROLE employment PASSWORD %L', :'employment_password') \gexec

-- Nobody creates objects in public (already the default since PostgreSQL 15).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- One schema per service, owned by its role, closed to everyone else.
DO $$
DECLARE
    r text;
    other text;
BEGIN
    FOREACH r IN ARRAY ARRAY['registration', 'benefits', 'employment'] LOOP
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', r, r);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r, r);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', r);
        FOREACH other IN ARRAY ARRAY['registration', 'benefits', 'employment'] LOOP
            IF other <> r THEN
                EXECUTE format('REVOKE ALL ON SCHEMA %I FROM %I', r, other);
                EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', r, other);
                EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', r, other);
                EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA %I FROM %I', r, other);
            END IF;
        END LOOP;
    END LOOP;
END
$$;
