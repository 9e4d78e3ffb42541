-- depends: 0021.outbox_lease
-- The city (地市) of a district (shared/areas.py), for the city-wide payroll and audit queries.
CREATE FUNCTION city_of(district text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT left(district, 4) || '00' $$;
