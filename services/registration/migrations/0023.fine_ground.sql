-- depends: 0022.contribution_settlement
-- Why a fine was imposed: continued arrears (社保法 86, R-LATE-1: 1–3× the overdue contributions,
-- checked when recorded) or another statutory ground (e.g. 社保法 84, not tied to arrears).
ALTER TABLE employer_fines
    ADD COLUMN ground text NOT NULL DEFAULT 'late_payment'
        CHECK (ground IN ('late_payment', 'other_statutory'));
