"""What a stop does to money (R-STOP-1): instructions for months starting on or after the stop are
cancelled; anything issued for days after the stop (disbursed, paid, or the stop month's
instruction) becomes an overpayment with a recovery record. The stop-month share follows
the policy parameter ``stop_month_pro_rata`` (by_day / whole_month_kept)."""

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


async def settle_stop(conn: asyncpg.Connection, claim: asyncpg.Record, stopped_by: str) -> None:
    """Called in the stop's transaction, with the claim row as stopped."""
    stop_date = claim["stop_effective_date"]
    option_row = await parameter(conn, claim["district"], ParameterName.STOP_MONTH_PRO_RATA, stop_date)
    option = option_row["option"]
    to_cancel: list[uuid.UUID] = []
    overpaid: list[tuple[uuid.UUID, Decimal, int, int]] = []
    for payment in await payment_repository.list_for_claim(conn, claim["id"]):
        if payment["kind"] not in PER_MONTH_KINDS or payment["status"] in ("cancelled", "rejected"):
            continue
        period = period_of(claim, payment["benefit_month"])
        kept, days_after = kept_share(payment["amount"], period, stop_date, option)
        if days_after == 0:
            continue
        if payment["status"] == "payable" and kept == 0:
            to_cancel.append(payment["id"])
        elif kept < payment["amount"]:
            # Already disbursed or paid, or the stop month's instruction issued before the stop
            # (left as issued; the journey has reported it): the days after the stop are recovered.
            overpaid.append((payment["id"], payment["amount"] - kept, days_after, period.days))
    await repository.cancel(conn, to_cancel, f"R-STOP-1: 自 {stop_date} 起停发")
    await repository.insert_overpayments(
        conn,
        claim_id=claim["id"],
        payment_ids=[o[0] for o in overpaid],
        amounts=[o[1] for o in overpaid],
        overpaid_days=[o[2] for o in overpaid],
        period_days=[o[3] for o in overpaid],
        rule=f"R-STOP-1 stop_month_pro_rata={option} (policy_parameters #{option_row['id']})",
        created_by=stopped_by,
    )
