-- depends: 0001.initial
-- Employers (参保单位) and their registration lifecycle (seed chapter 2, R-REG-*), insured staff
-- (employments, R-REG-3, R-EMP-1), certificates, change history, verifications, the working-day
-- calendar and the audit trail. Personal data (ID numbers, names, bank accounts, phones) is never
-- logged; responses mask it for roles that do not need it.

-- Effective-dated policy parameters of employer registration (never hard-coded constants).
CREATE TABLE employer_registration_policy (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area_code                   char(6) NOT NULL CHECK (area_code ~ '^[1-8][0-9]{5}$'),
    effective_from              date NOT NULL,
    effective_to                date,
    -- Seed: review within 10 working days of acceptance (law: 15 days, R-REG-1).
    review_working_days         integer NOT NULL CHECK (review_working_days BETWEEN 1 AND 60),
    -- Warn this many working days before the review deadline.
    review_warning_working_days integer NOT NULL CHECK (review_warning_working_days >= 0),
    -- R-REG-3: each employee enrolled within 30 days of hiring.
    enrolment_deadline_days     integer NOT NULL CHECK (enrolment_deadline_days > 0),
    -- R-EMP-1: separation list filed within 7 days (条例), at most 15 days (社保法 50).
    separation_notice_days      integer NOT NULL CHECK (separation_notice_days > 0),
    separation_notice_max_days  integer NOT NULL CHECK (separation_notice_max_days > 0),
    source                      text NOT NULL,
    is_sample                   boolean NOT NULL DEFAULT false,
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    CHECK (separation_notice_max_days >= separation_notice_days),
    UNIQUE (area_code, effective_from)
);

INSERT INTO employer_registration_policy (
    area_code, effective_from, effective_to, review_working_days, review_warning_working_days,
    enrolment_deadline_days, separation_notice_days, separation_notice_max_days, source, is_sample)
VALUES ('430000', '2003-01-01', NULL, 10, 2, 30, 7, 15,
        '湖南省失业保险经办业务规程 第二章; 失业保险条例 第16条; 社会保险法 第50条 (sample row)', true);

CREATE TABLE employers (
    id                      uuid PRIMARY KEY,
    -- GB 32100-2015, validated before insert (or overridden by a case manager, audited).
    uscc                    char(18) NOT NULL UNIQUE,
    uscc_check_overridden   boolean NOT NULL DEFAULT false,
    name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address                 text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
    legal_representative    text NOT NULL CHECK (length(legal_representative) BETWEEN 1 AND 50),
    unit_type               text NOT NULL,
    supervising_department  text,
    affiliation             text,
    bank_name               text NOT NULL,
    bank_account            text NOT NULL,
    -- [{"name", "phone", "role"}]: personal data, masked in responses.
    contacts                jsonb NOT NULL DEFAULT '[]',
    -- [{"kind", "title", "received_on"}]: metadata of the submitted documents (archived on paper).
    documents               jsonb NOT NULL DEFAULT '[]',
    other_items             jsonb NOT NULL DEFAULT '{}',
    district                char(6) NOT NULL CHECK (district ~ '^[1-8][0-9]{5}$'),
    founded_on              date,
    -- Already insured for pension / medical: the existing certificate is annotated, not reissued.
    existing_certificate_number text,
    status                  text NOT NULL DEFAULT 'submitted' CHECK (status IN (
        'submitted', 'under_review', 'approved', 'rejected', 'deregistered')),
    accepted_on             date,
    review_due_on           date,
    review_workflow_id      text UNIQUE,
    review_overdue          boolean NOT NULL DEFAULT false,
    decided_at              timestamptz,
    decided_by              text,
    rejection_reasons       text[],
    certificate_number      text,
    deregistered_on         date,
    deregistration_reason   text,
    created_by              text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'rejected' OR cardinality(rejection_reasons) > 0),
    CHECK (status <> 'deregistered' OR (deregistered_on IS NOT NULL AND deregistration_reason IS NOT NULL))
);
CREATE INDEX employers_district ON employers (district, created_at);
CREATE INDEX employers_status ON employers (status);

-- Form 2-2 (参加失业保险人员情况表) as submitted; approval turns each row into an employment.
CREATE TABLE employer_application_staff (
    id                      uuid PRIMARY KEY,
    employer_id             uuid NOT NULL REFERENCES employers (id),
    id_number               char(18) NOT NULL,
    name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    hired_on                date NOT NULL,
    farmer_contract_worker  boolean NOT NULL DEFAULT false,
    UNIQUE (employer_id, id_number)
);

-- A person insured at an employer (form 2-2 on approval, or a later enrolment).
CREATE TABLE employments (
    id                      uuid PRIMARY KEY,
    employer_id             uuid NOT NULL REFERENCES employers (id),
    person_id               uuid NOT NULL REFERENCES persons (id),
    hired_on                date NOT NULL,
    enrolled_on             date NOT NULL,
    -- R-RATE-1: farmer contract workers pay no personal share.
    farmer_contract_worker  boolean NOT NULL DEFAULT false,
    -- R-REG-3: enrolled more than the policy's days after hiring.
    late_enrolment          boolean NOT NULL DEFAULT false,
    separated_on            date,
    -- R-ELIG-2 codes (same list as unemployment_registrations.separation_reason).
    separation_reason       text CHECK (separation_reason IN (
        'contract_expired', 'employer_dismissal', 'employer_termination', 'employer_fault',
        'other_statutory', 'voluntary_resignation')),
    -- R-EMP-1: when the employer filed the separation list, and whether in time.
    separation_notified_on  date,
    separation_notice_timeliness text CHECK (separation_notice_timeliness IN (
        'within_statutory', 'within_legal_maximum', 'late')),
    created_by              text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (enrolled_on >= hired_on),
    CHECK (separated_on IS NULL OR separated_on >= hired_on),
    CHECK ((separated_on IS NULL) = (separation_reason IS NULL)),
    CHECK (separation_notified_on IS NULL OR separated_on IS NOT NULL),
    -- Idempotency key of an enrolment: the same person hired on the same day at the same employer.
    UNIQUE (employer_id, person_id, hired_on)
);
-- One open employment per person and employer.
CREATE UNIQUE INDEX employments_one_open ON employments (employer_id, person_id)
    WHERE separated_on IS NULL;
CREATE INDEX employments_person ON employments (person_id, hired_on);

-- 社会保险登记证: issued first-time, or an existing certificate annotated with unemployment
-- insurance. Withdrawn on a change of a printed item, voided when lost, ended on deregistration.
CREATE TABLE employer_certificates (
    id              uuid PRIMARY KEY,
    employer_id     uuid NOT NULL REFERENCES employers (id),
    number          text NOT NULL UNIQUE,
    kind            text NOT NULL CHECK (kind IN ('issued', 'annotated')),
    issued_on       date NOT NULL,
    status          text NOT NULL DEFAULT 'valid' CHECK (status IN (
        'valid', 'withdrawn', 'voided', 'cancelled')),
    ended_on        date,
    end_reason      text CHECK (end_reason IN ('change', 'lost', 'renewal', 'deregistration')),
    replaces_id     uuid REFERENCES employer_certificates (id),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'valid') = (ended_on IS NULL))
);
CREATE UNIQUE INDEX employer_certificates_one_valid ON employer_certificates (employer_id)
    WHERE status = 'valid';
CREATE SEQUENCE employer_certificate_serial;

-- 变更登记 (form 2-3): one row per changed item, never edited.
CREATE TABLE employer_changes (
    id                  uuid PRIMARY KEY,
    employer_id         uuid NOT NULL REFERENCES employers (id),
    request_key         text NOT NULL,
    item                text NOT NULL CHECK (item IN (
        'name', 'address', 'legal_representative', 'unit_type', 'organisation_code',
        'supervising_department', 'affiliation', 'bank_account', 'other')),
    other_item          text,
    old_value           jsonb,
    new_value           jsonb NOT NULL,
    reason              text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    effective_on        date NOT NULL,
    certificate_reissued boolean NOT NULL DEFAULT false,
    changed_by          text NOT NULL,
    changed_role        text NOT NULL,
    changed_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((item = 'other') = (other_item IS NOT NULL)),
    UNIQUE (employer_id, request_key, item)
);
CREATE INDEX employer_changes_month ON employer_changes (changed_at);

-- 验证 (form 2-5): one outcome per employer and year.
CREATE TABLE employer_verifications (
    id              uuid PRIMARY KEY,
    employer_id     uuid NOT NULL REFERENCES employers (id),
    year            integer NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    outcome         text NOT NULL CHECK (outcome IN ('passed', 'failed')),
    notes           text,
    report          jsonb NOT NULL,
    verified_by     text NOT NULL,
    verified_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (employer_id, year)
);

-- Working-day calendar: a year is countable only when its table is known (library or operator).
CREATE TABLE calendar_years (
    year        integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
    source      text NOT NULL,
    entered_by  text NOT NULL,
    entered_at  timestamptz NOT NULL DEFAULT now()
);
-- Exceptions to "Monday–Friday work": public holidays on weekdays and make-up working days (调休).
CREATE TABLE calendar_days (
    day             date PRIMARY KEY,
    year            integer NOT NULL REFERENCES calendar_years (year),
    is_working_day  boolean NOT NULL,
    name            text NOT NULL,
    CHECK (extract(year FROM day) = year)
);

-- Audit trail of every change (稽核: who, when, what, why; kept at least 184 days).
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_type text NOT NULL,
    entity_id   text NOT NULL,
    action      text NOT NULL,
    actor       text NOT NULL,
    actor_role  text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    before      jsonb,
    after       jsonb,
    reason      text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- Monthly reports to the tax authority (registrations, changes, deregistrations).
CREATE TABLE tax_reports (
    id              uuid PRIMARY KEY,
    month           date NOT NULL UNIQUE CHECK (extract(day FROM month) = 1),
    row_count       integer NOT NULL,
    csv             text NOT NULL,
    generated_by    text NOT NULL,
    generated_at    timestamptz NOT NULL DEFAULT now()
);
