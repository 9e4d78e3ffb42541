-- depends: 0010.employers
-- Contributions (征缴): rate and collection policy (R-RATE-1/2, R-DECL-1, R-LATE-1), monthly
-- declarations per employment, fines, payments, and each person's contribution record (个人缴费记录,
-- R-REC-1). Money is numeric, rounded half-up to the fen (PostgreSQL round() on positive numerics).

-- R-RATE-1/2: contribution rates, effective-dated. Lookup: most specific area first (district →
-- city → province), then the latest effective_from in force; a reduced-rate period is a row that
-- starts later and ends (effective_to is exclusive).
CREATE TABLE contribution_rate_policies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code       char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from  date NOT NULL,
    effective_to    date,
    employer_rate   numeric(7, 6) NOT NULL CHECK (employer_rate >= 0 AND employer_rate < 1),
    employee_rate   numeric(7, 6) NOT NULL CHECK (employee_rate >= 0 AND employee_rate < 1),
    source          text NOT NULL,
    is_sample       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    UNIQUE (area_code, effective_from)
);

INSERT INTO contribution_rate_policies
    (area_code, effective_from, effective_to, employer_rate, employee_rate, source, is_sample)
VALUES
    ('430000', DATE '1999-01-22', NULL, 0.020000, 0.010000,
     'SAMPLE: 失业保险条例 (1999) 第六条: 单位 2%, 个人 1% (R-RATE-1)', true),
    ('430000', DATE '2019-05-01', DATE '2026-01-01', 0.007000, 0.003000,
     'SAMPLE: 阶段性降低失业保险费率, 总费率 1% (R-RATE-2); 示例数据, 非正式政策', true);

-- Collection parameters: the due day (of the month after the contribution month), the late-fee
-- rate per day (R-LATE-1) and the assessment factor for an undeclared month (R-DECL-1).
CREATE TABLE contribution_collection_policies (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code           char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from      date NOT NULL,
    effective_to        date,
    due_day             smallint NOT NULL CHECK (due_day BETWEEN 1 AND 28),
    late_fee_daily_rate numeric(8, 7) NOT NULL CHECK (late_fee_daily_rate >= 0 AND late_fee_daily_rate < 1),
    assessment_factor   numeric(6, 4) NOT NULL CHECK (assessment_factor > 0),
    source              text NOT NULL,
    is_sample           boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    UNIQUE (area_code, effective_from)
);

INSERT INTO contribution_collection_policies
    (area_code, effective_from, due_day, late_fee_daily_rate, assessment_factor, source, is_sample)
VALUES ('430000', DATE '1999-01-22', 15, 0.0005000, 1.1000,
        'SAMPLE: 社会保险法 第86条 (滞纳金 万分之五/日, R-LATE-1); 社会保险费申报缴纳管理规定 第12条'
        ' (未申报按上月缴费额 110% 确定, R-DECL-1); 缴费期限 次月15日为示例', true);

-- One declaration (or assessment) per employer and contribution month: the idempotency key.
CREATE TABLE contribution_declarations (
    id                      uuid PRIMARY KEY,
    employer_id             uuid NOT NULL REFERENCES employers (id),
    contribution_month      date NOT NULL CHECK (extract(day FROM contribution_month) = 1),
    -- declared by the employer, or assessed by the agency for an undeclared month (R-DECL-1).
    kind                    text NOT NULL CHECK (kind IN ('declared', 'assessed')),
    declared_on             date NOT NULL,
    due_date                date NOT NULL CHECK (due_date > contribution_month),
    rate_policy_id          bigint REFERENCES contribution_rate_policies (id),
    collection_policy_id    bigint NOT NULL REFERENCES contribution_collection_policies (id),
    employer_rate           numeric(7, 6) NOT NULL,
    employee_rate           numeric(7, 6) NOT NULL,
    late_fee_daily_rate     numeric(8, 7) NOT NULL,
    assessed_from_id        uuid REFERENCES contribution_declarations (id),
    headcount               integer NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    base_total              numeric(16, 2) NOT NULL DEFAULT 0 CHECK (base_total >= 0),
    employer_amount         numeric(16, 2) NOT NULL DEFAULT 0 CHECK (employer_amount >= 0),
    employee_amount         numeric(16, 2) NOT NULL DEFAULT 0 CHECK (employee_amount >= 0),
    total_amount            numeric(16, 2) GENERATED ALWAYS AS (employer_amount + employee_amount) STORED,
    created_by              text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'assessed') = (assessed_from_id IS NOT NULL)),
    UNIQUE (employer_id, contribution_month)
);

-- Each person's contribution base in a declaration; amounts rounded per person to the fen.
CREATE TABLE contribution_declaration_lines (
    declaration_id          uuid NOT NULL REFERENCES contribution_declarations (id),
    employment_id           uuid NOT NULL REFERENCES employments (id),
    person_id               uuid NOT NULL REFERENCES persons (id),
    base                    numeric(12, 2) NOT NULL CHECK (base >= 0),
    -- R-RATE-1: no personal share for farmer contract workers.
    farmer_contract_worker  boolean NOT NULL,
    employer_amount         numeric(12, 2) NOT NULL CHECK (employer_amount >= 0),
    employee_amount         numeric(12, 2) NOT NULL CHECK (employee_amount >= 0),
    CHECK (NOT farmer_contract_worker OR employee_amount = 0),
    PRIMARY KEY (declaration_id, employment_id)
);
CREATE INDEX contribution_declaration_lines_person ON contribution_declaration_lines (person_id);

-- R-LATE-1: fines (1–3× the arrears) are decided elsewhere and recorded here as items.
CREATE TABLE employer_fines (
    id                  uuid PRIMARY KEY,
    employer_id         uuid NOT NULL REFERENCES employers (id),
    decision_reference  text NOT NULL CHECK (length(decision_reference) BETWEEN 1 AND 100),
    decided_on          date NOT NULL,
    amount              numeric(16, 2) NOT NULL CHECK (amount > 0),
    reason              text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (employer_id, decision_reference)
);

-- Payments: of one month's contributions, of late fees (the employer's balance), or of a fine.
-- The payer's reference (bank voucher number) is the idempotency key.
CREATE TABLE employer_payments (
    id                  uuid PRIMARY KEY,
    employer_id         uuid NOT NULL REFERENCES employers (id),
    reference           text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
    kind                text NOT NULL CHECK (kind IN ('contribution', 'late_fee', 'fine')),
    declaration_id      uuid REFERENCES contribution_declarations (id),
    fine_id             uuid REFERENCES employer_fines (id),
    amount              numeric(16, 2) NOT NULL CHECK (amount > 0),
    paid_on             date NOT NULL,
    -- R-LATE-1: days past the due date and the late fee this contribution payment incurred.
    days_late           integer NOT NULL DEFAULT 0 CHECK (days_late >= 0),
    late_fee            numeric(16, 2) NOT NULL DEFAULT 0 CHECK (late_fee >= 0),
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'contribution') = (declaration_id IS NOT NULL)),
    CHECK ((kind = 'fine') = (fine_id IS NOT NULL)),
    CHECK (kind = 'contribution' OR (days_late = 0 AND late_fee = 0)),
    UNIQUE (employer_id, reference)
);
CREATE INDEX employer_payments_declaration ON employer_payments (declaration_id) WHERE declaration_id IS NOT NULL;
CREATE INDEX employer_payments_employer ON employer_payments (employer_id, paid_on);

-- 个人缴费记录 (R-REC-1): append-only. An entry is written for every person of a month when that
-- month is fully paid; a correction is a new entry for the same person, employer and month, and
-- the latest entry (highest id) wins. Never updated, never deleted (enforced by the trigger).
CREATE TABLE contribution_records (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id               uuid NOT NULL REFERENCES persons (id),
    employer_id             uuid NOT NULL REFERENCES employers (id),
    employment_id           uuid REFERENCES employments (id),
    contribution_month      date NOT NULL CHECK (extract(day FROM contribution_month) = 1),
    base                    numeric(12, 2) NOT NULL CHECK (base >= 0),
    employer_amount         numeric(12, 2) NOT NULL CHECK (employer_amount >= 0),
    employee_amount         numeric(12, 2) NOT NULL CHECK (employee_amount >= 0),
    employer_share_paid     boolean NOT NULL,
    personal_share_paid     boolean NOT NULL,
    -- false for farmer contract workers (R-RATE-1): the month counts on the employer share alone.
    personal_share_required boolean NOT NULL,
    entry_kind              text NOT NULL CHECK (entry_kind IN ('payment', 'correction')),
    declaration_id          uuid REFERENCES contribution_declarations (id),
    corrects_id             bigint REFERENCES contribution_records (id),
    effective_on            date NOT NULL,
    reason                  text,
    request_key             text,
    recorded_by             text NOT NULL,
    recorded_at             timestamptz NOT NULL DEFAULT now(),
    CHECK ((entry_kind = 'payment') = (declaration_id IS NOT NULL)),
    CHECK (entry_kind = 'correction' OR employment_id IS NOT NULL),
    CHECK (entry_kind = 'payment' OR (reason IS NOT NULL AND request_key IS NOT NULL))
);
CREATE UNIQUE INDEX contribution_records_one_payment_entry
    ON contribution_records (declaration_id, employment_id) WHERE entry_kind = 'payment';
CREATE UNIQUE INDEX contribution_records_correction_key
    ON contribution_records (person_id, request_key) WHERE entry_kind = 'correction';
CREATE INDEX contribution_records_person_month
    ON contribution_records (person_id, contribution_month, employer_id, id);

CREATE FUNCTION contribution_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'contribution_records is append-only (R-REC-1): corrections are new entries'
        USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER contribution_records_no_update_or_delete
    BEFORE UPDATE OR DELETE ON contribution_records
    FOR EACH ROW EXECUTE FUNCTION contribution_records_append_only();
