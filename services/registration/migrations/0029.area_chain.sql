-- depends: 0028.outbox_lease
-- The area chain (shared/areas.py) for set-based policy lookups over many employers at once;
-- a repeated code (a city's own city) does not change array_position's answer.
CREATE FUNCTION area_chain(district text) RETURNS text[] LANGUAGE sql IMMUTABLE
    AS $$ SELECT ARRAY[district, left(district, 4) || '00', left(district, 2) || '0000'] $$;
