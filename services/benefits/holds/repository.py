"""All SQL of payment holds (R-HOLD-1). The run's judgement is one set-based statement, like the
payroll's own steps (designed for 100k instructions per run)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

COLUMNS = (
    "h.id, h.payment_id, h.bank_account_id, h.reasons, h.held_at, h.held_in_run, h.status, h.decided_by,"
    " h.decided_at, h.decision_reason, p.claim_id, p.benefit_month, p.kind, p.amount,"
    " p.status AS payment_status, c.district"
)
FROM_HOLDS = " FROM payment_holds h JOIN payments p ON p.id = h.payment_id JOIN claims c ON c.id = p.claim_id"

# Due, payable instructions to a person's account (the bank file's, so not the medical premium)
# with no open hold and no release for the account they would go to now; each judged on the four
# reasons of R-HOLD-1. Rows another run holds are skipped, as in the payroll's collect step.
_HOLD_DUE = """
WITH due AS (
    SELECT p.id AS payment_id, p.claim_id, p.kind, p.amount, p.period_start,
           c.monthly_amount, c.district, c.person_id,
           a.id AS account_id, a.holder, a.bank_code, a.account_number, a.account_name
    FROM payments p
    JOIN claims c ON c.id = p.claim_id
    JOIN bank_accounts a ON a.id = coalesce(p.payee_account_id, (
        SELECT ca.id FROM bank_accounts ca
        WHERE ca.claim_id = p.claim_id AND ca.holder = 'claimant' AND ca.superseded_at IS NULL))
    WHERE p.status = 'payable' AND p.kind <> 'medical_premium'
      AND p.claim_id = ANY (ARRAY(SELECT id FROM claims WHERE city_of(district) = $2))
      AND p.period_start < $3
      AND NOT EXISTS (SELECT 1 FROM payment_holds h WHERE h.payment_id = p.id
                      AND (h.status = 'held' OR (h.status = 'released' AND h.bank_account_id = a.id)))
    FOR UPDATE OF p SKIP LOCKED
), judged AS (
    SELECT d.payment_id, d.account_id, array_remove(ARRAY[
        -- The claim's last paid instruction (to the same kind of payee) went to other details.
        CASE WHEN last.bank_code IS NOT NULL
              AND (last.bank_code, last.account_number, last.account_name)
                  IS DISTINCT FROM (d.bank_code, d.account_number, d.account_name)
             THEN 'account_changed' END,
        -- Nothing of this person has been paid to this account yet.
        CASE WHEN NOT EXISTS (
                 SELECT 1 FROM payroll_run_items i
                 JOIN bank_accounts b ON b.id = i.bank_account_id
                 JOIN payments q ON q.id = i.payment_id
                 JOIN claims qc ON qc.id = q.claim_id
                 WHERE qc.person_id = d.person_id AND i.result = 'paid'
                   AND b.bank_code = d.bank_code AND b.account_number = d.account_number)
             THEN 'first_payment_to_account' END,
        -- A benefit month is compared with the claim's monthly amount (grants and subsidies
        -- have amounts of their own); no tolerance in force counts as none.
        CASE WHEN d.kind = 'benefit' AND d.monthly_amount IS NOT NULL
              AND abs(d.amount - d.monthly_amount) > coalesce(tolerance.amount, 0)
             THEN 'amount_differs' END,
        CASE WHEN EXISTS (
                 SELECT 1 FROM audit_review_items r JOIN claims rc ON rc.id = r.claim_id
                 WHERE rc.person_id = d.person_id AND r.status = 'open')
             THEN 'open_audit_review' END
    ], NULL) AS reasons
    FROM due d
    LEFT JOIN LATERAL (
        SELECT b.bank_code, b.account_number, b.account_name
        FROM payments q
        JOIN payroll_run_items i ON i.payment_id = q.id AND i.result = 'paid'
        JOIN bank_accounts b ON b.id = i.bank_account_id AND b.holder = d.holder
        WHERE q.claim_id = d.claim_id
        ORDER BY i.returned_at DESC, i.run_id DESC
        LIMIT 1
    ) last ON true
    LEFT JOIN LATERAL (
        SELECT pp.amount FROM policy_parameters pp
        WHERE pp.name = 'payment_hold_tolerance'
          AND pp.area_code IN (d.district, city_of(d.district), left(d.district, 2) || '0000')
          AND pp.effective_from <= d.period_start
          AND (pp.effective_to IS NULL OR pp.effective_to > d.period_start)
        ORDER BY CASE pp.area_code WHEN d.district THEN 0 WHEN city_of(d.district) THEN 1 ELSE 2 END,
                 pp.effective_from DESC
        LIMIT 1
    ) tolerance ON true
)
INSERT INTO payment_holds (payment_id, bank_account_id, reasons, held_in_run)
SELECT payment_id, account_id, reasons, $1 FROM judged WHERE cardinality(reasons) > 0
ON CONFLICT (payment_id) WHERE status = 'held' DO NOTHING
"""


async def hold_due(conn: asyncpg.Connection, run_id: int, city: str, due_before: dt.date) -> None:
    await conn.execute(_HOLD_DUE, run_id, city, due_before)


async def list_holds(
    conn: asyncpg.Connection, status: str | None, district: str | None, run_id: int | None, limit: int, offset: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT " + COLUMNS + FROM_HOLDS
        + " WHERE ($1::text IS NULL OR h.status = $1) AND ($2::text IS NULL OR c.district = $2)"
        " AND ($5::bigint IS NULL OR h.held_in_run = $5)"
        " ORDER BY h.held_at, h.id LIMIT $3 OFFSET $4",
        status,
        district,
        limit,
        offset,
        run_id,
    )


async def get(conn: asyncpg.Connection, hold_id: int, *, for_update: bool = False) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT " + COLUMNS + FROM_HOLDS + " WHERE h.id = $1" + (" FOR UPDATE OF h, p" if for_update else ""),
        hold_id,
    )


async def decide(conn: asyncpg.Connection, hold_id: int, status: str, decided_by: str, reason: str) -> None:
    await conn.execute(
        "UPDATE payment_holds SET status = $2, decided_by = $3, decided_at = clock_now(), decision_reason = $4"
        " WHERE id = $1 AND status = 'held'",
        hold_id,
        status,
        decided_by,
        reason,
    )


async def cancel_payment(conn: asyncpg.Connection, payment_id: uuid.UUID, reason: str) -> None:
    """The instruction is never paid: cancelled with the reason (only while still in the fund)."""
    await conn.execute(
        "UPDATE payments SET status = 'cancelled', cancelled_reason = $2 WHERE id = $1 AND status = 'payable'",
        payment_id,
        reason,
    )
