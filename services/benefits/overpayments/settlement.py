"""What a stop does to money (R-STOP-1). For each benefit month with days after the stop:

- money still in the fund (the instruction is payable, or the bank sent it back): an instruction
  for a month starting on or after the stop is cancelled; the stop month's instruction (benefit and
  medical premium alike, R-MED-1) is cut to the share kept, its issued amount and the reason kept
  on the row, so the payroll run pays only what is due and books only that (R-FUND-1);
- money that left the fund (disbursed or paid): the days after the stop become an overpayment
  with a recovery record, for a case manager to decide (R-FRAUD-1).

The stop-month share follows the policy parameter ``stop_month_pro_rata`` (by_day /
whole_month_kept)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import asyncpg

from services.benefits.overpayments import repository
from services.benefits.payments import repository as payment_repository
from services.benefits.payments.periods import kept_share, period_of
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter

# Grants and subsidies are not paid for days: a stop does not touch them.
PER_MONTH_KINDS = {"benefit", "medical_premium"}
LEFT_THE_FUND = {"disbursed", "paid"}


async def settle_stop(conn: asyncpg.Connection, claim: asyncpg.Record, stopped_by: str) -> None:
    """Called in the stop's transaction, with the claim row as stopped. The claim's instructions
    are locked first: a payroll run running now either took them already (then they are
    overpayments) or skips them until the stop commits (then it pays them cut)."""
    stop_date = claim["stop_effective_date"]
    option_row = await parameter(conn, claim["district"], ParameterName.STOP_MONTH_PRO_RATA, stop_date)
    option = option_row["option"]
    rule = f"R-STOP-1 stop_month_pro_rata={option} (policy_parameters #{option_row['id']})"
    to_cancel: list[uuid.UUID] = []
    to_reduce: list[tuple[uuid.UUID, Decimal]] = []
    overpaid: list[tuple[uuid.UUID, Decimal, int, int]] = []
    for payment in await payment_repository.list_for_claim(conn, claim["id"], for_update=True):
        if payment["kind"] not in PER_MONTH_KINDS or payment["status"] == "cancelled":
            continue
        period = period_of(claim, payment["benefit_month"])
        kept, days_after = kept_share(payment["amount"], period, stop_date, option)
        if days_after == 0 or kept == payment["amount"]:
            continue
        if payment["status"] in LEFT_THE_FUND:
            overpaid.append((payment["id"], payment["amount"] - kept, days_after, period.days))
        elif kept == 0:
            to_cancel.append(payment["id"])
        else:
            to_reduce.append((payment["id"], kept))
    await repository.cancel(conn, to_cancel, f"R-STOP-1: 自 {stop_date} 起停发")
    await repository.reduce(
        conn,
        [r[0] for r in to_reduce],
        [r[1] for r in to_reduce],
        f"R-STOP-1: 自 {stop_date} 起停发, 停发当月只付停发前的天数; {rule}",
        stopped_by,
    )
    await repository.insert_overpayments(
        conn,
        claim_id=claim["id"],
        payment_ids=[o[0] for o in overpaid],
        amounts=[o[1] for o in overpaid],
        overpaid_days=[o[2] for o in overpaid],
        period_days=[o[3] for o in overpaid],
        rule=rule,
        created_by=stopped_by,
    )
