-- depends: 0021.unemployment_separation
-- R-DECL-1 结算: an employer that declares a month after it was assessed at 110% gets the
-- assessment replaced by its declaration ("settled"); people's records follow through R-REC-1
-- correction entries. What was replaced is kept as a revision: never silently rewritten.

ALTER TABLE contribution_declarations
    DROP CONSTRAINT contribution_declarations_kind_check,
    DROP CONSTRAINT contribution_declarations_check1,
    ADD COLUMN settled_on date,
    ADD CONSTRAINT contribution_declarations_kind_check
        CHECK (kind IN ('declared', 'assessed', 'settled')),
    ADD CONSTRAINT contribution_declarations_assessed_from
        CHECK ((kind IN ('assessed', 'settled')) = (assessed_from_id IS NOT NULL)),
    ADD CONSTRAINT contribution_declarations_settled_on
        CHECK ((kind = 'settled') = (settled_on IS NOT NULL));

CREATE TABLE contribution_declaration_revisions (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    declaration_id      uuid NOT NULL REFERENCES contribution_declarations (id),
    kind                text NOT NULL,
    employer_rate       numeric(7, 6) NOT NULL,
    employee_rate       numeric(7, 6) NOT NULL,
    headcount           integer NOT NULL,
    base_total          numeric(16, 2) NOT NULL,
    employer_amount     numeric(16, 2) NOT NULL,
    employee_amount     numeric(16, 2) NOT NULL,
    -- [{"employment_id", "person_id", "base", "employer_amount", "employee_amount"}] as they were.
    lines               jsonb NOT NULL,
    replaced_by         text NOT NULL,
    replaced_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contribution_declaration_revisions_declaration
    ON contribution_declaration_revisions (declaration_id, id);
