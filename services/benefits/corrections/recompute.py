"""Recomputing the months already paid under corrected terms (R-CORR-1), the building block of a
correction of the agency's own decision and of an appeal's "changed" outcome (R-APPEAL-1).

Given a claim and its corrected terms (monthly amount, entitlement months, benefit start date:
the values an approval sets, services/benefits/claims/decision.py), every benefit month with an
instruction issued — the benefit (R-PAY-1) and the medical premium (R-MED-1) — is compared with
what it should have been under the corrected terms: the month's period counted from the
(corrected) start, nothing beyond the (corrected) entitlement, the stop month's share kept as
the stop settlement keeps it (R-STOP-1). What the month already carries is its instruction's
amount, less every overpayment already recorded on it (recovered, to recover or waived: already
dealt with), plus what earlier corrections paid for it as arrears.

``apply`` then carries the differences out, inside the caller's transaction:

- underpayment of benefit: ONE arrears instruction (补发, kind ``arrears``) for their sum, keyed by
  the correction (UNIQUE payments (correction_id, kind): never twice), payable now, on the normal
  payroll path (bank file, R-HOLD-1 holds, ledger with its legal basis, R-FUND-1);
- underpayment of medical premium (R-MED-1; only a start date moved onto a higher premium rate
  does this): ONE premium instruction (kind ``medical_premium``, the correction's) for their sum,
  keyed the same way, payable now: the payroll run transfers it to the medical-insurance fund with
  the monthly premiums (no bank line), booked with its legal basis;
- overpayment of money that left the fund (disbursed or paid): an overpayment proposal per month
  through the overpayments module, for a case manager to decide (R-FRAUD-1: a human decides);
- overpayment of an instruction still in the fund (payable, or sent back by the bank): the
  instruction is cut to what is due, or cancelled when nothing is due, as a stop does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

import asyncpg

from contracts.calendar import benefit_month_start
from services.benefits.corrections import repository
from services.benefits.overpayments import repository as overpayment_repository
from services.benefits.payments.periods import Period, kept_share
from services.benefits.payments.schemas import LEGAL_BASIS, PaymentKind
from services.benefits.payments.service import stop_month_option
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter

ZERO = Decimal("0.00")
# R-FUND-1: the premium's arrears name their legal basis (the payroll run adds 划转医疗保险基金).
PREMIUM_ARREARS_BASIS = LEGAL_BASIS[PaymentKind.MEDICAL_PREMIUM] + " 自行纠错补缴 (R-CORR-1)"
IN_THE_FUND = {"payable", "rejected"}


@dataclass(frozen=True)
class Terms:
    """What an approval decides (R-START, R-DUR-1/5, R-AMT-1/2)."""

    monthly_amount: Decimal
    entitlement_months: int
    benefit_start_date: dt.date


def terms_of(claim: asyncpg.Record) -> Terms:
    return Terms(
        monthly_amount=claim["monthly_amount"],
        entitlement_months=claim["entitlement_months"],
        benefit_start_date=claim["benefit_start_date"] or claim["registration_date"],
    )


def corrected(
    current: Terms,
    *,
    monthly_amount: Decimal | None = None,
    entitlement_months: int | None = None,
    benefit_start_date: dt.date | None = None,
) -> Terms:
    """The current terms with each term given replaced."""
    return replace(
        current,
        monthly_amount=monthly_amount if monthly_amount is not None else current.monthly_amount,
        entitlement_months=entitlement_months if entitlement_months is not None else current.entitlement_months,
        benefit_start_date=benefit_start_date if benefit_start_date is not None else current.benefit_start_date,
    )


@dataclass(frozen=True)
class MonthDifference:
    benefit_month: int
    kind: str  # benefit | medical_premium
    payment_id: uuid.UUID
    payment_status: str
    issued_amount: Decimal  # the instruction's amount as it stands
    adjusted_before: bool  # the instruction was already cut once (R-STOP-1)
    period: Period  # under the corrected terms
    paid: Decimal
    due: Decimal

    @property
    def difference(self) -> Decimal:
        return self.due - self.paid


@dataclass(frozen=True)
class Recomputation:
    terms: Terms
    months: list[MonthDifference]

    @property
    def underpaid(self) -> Decimal:
        """The benefit months' underpayment: paid once as arrears."""
        return sum((m.difference for m in self.months if m.kind == "benefit" and m.difference > 0), ZERO)

    @property
    def premium_underpaid(self) -> Decimal:
        return sum((m.difference for m in self.months if m.kind == "medical_premium" and m.difference > 0), ZERO)

    @property
    def overpaid(self) -> Decimal:
        return sum((-m.difference for m in self.months if m.difference < 0), ZERO)


async def recompute(conn: asyncpg.Connection, claim: asyncpg.Record, terms: Terms) -> Recomputation:
    """Every issued benefit and premium month of ``claim`` against ``terms``. Reads only; the
    claim's instructions are locked (a payroll run running now skips them until the caller
    commits, or has taken them already: then they are money that left the fund)."""
    option = await stop_month_option(conn, claim)
    months = []
    for row in await repository.issued_months(conn, claim["id"]):
        period = _period(terms.benefit_start_date, row["benefit_month"])
        due = await _due(conn, claim, terms, row["kind"], row["benefit_month"], period, option)
        months.append(
            MonthDifference(
                benefit_month=row["benefit_month"],
                kind=row["kind"],
                payment_id=row["payment_id"],
                payment_status=row["status"],
                issued_amount=row["amount"],
                adjusted_before=row["original_amount"] is not None,
                period=period,
                paid=row["paid"],
                due=due,
            )
        )
    return Recomputation(terms=terms, months=months)


def _period(start: dt.date, month: int) -> Period:
    return Period(benefit_month_start(start, month), benefit_month_start(start, month + 1))


async def _due(
    conn: asyncpg.Connection, claim: asyncpg.Record, terms: Terms, kind: str, month: int, period: Period, option: str
) -> Decimal:
    """What the month should have carried: nothing beyond the entitlement, nothing for a month
    starting on or after the stop (R-STOP-1), the stop month's share kept."""
    stop_date = claim["stop_effective_date"]
    if month > terms.entitlement_months or (stop_date is not None and period.start >= stop_date):
        return ZERO
    if kind == "benefit":
        return kept_share(terms.monthly_amount, period, stop_date, option)[0]
    # R-MED-1: the premium at the rate in force on the month's (corrected) first day.
    rate = await parameter(conn, claim["district"], ParameterName.MEDICAL_PREMIUM_MONTHLY, period.start)
    return kept_share(rate["amount"], period, stop_date, option)[0]


@dataclass(frozen=True)
class Applied:
    recomputation: Recomputation
    arrears_payment_id: uuid.UUID | None
    overpaid_payment_ids: list[uuid.UUID]
    premium_arrears_payment_id: uuid.UUID | None = None


async def apply(
    conn: asyncpg.Connection,
    claim: asyncpg.Record,
    correction_id: uuid.UUID,
    terms: Terms,
    *,
    by: str,
    today: dt.date,
) -> Applied:
    """Inside the caller's transaction, with the claim row locked and the correction row written:
    the claim takes the corrected terms, each month's difference is recorded, the underpayment
    paid once and the overpayment proposed. Applying the same correction again adds nothing."""
    recomputation = await recompute(conn, claim, terms)
    await repository.set_claim_terms(conn, claim["id"], terms.monthly_amount, terms.entitlement_months,
                                     terms.benefit_start_date)
    await repository.insert_months(conn, correction_id, recomputation.months)
    arrears_id = await _pay_arrears(conn, claim, correction_id, recomputation, by, today)
    premium_id = await _pay_arrears(conn, claim, correction_id, recomputation, by, today, kind="medical_premium")
    overpaid = await _settle_overpaid(conn, claim, correction_id, recomputation, by)
    return Applied(recomputation, arrears_id, overpaid, premium_id)


async def _pay_arrears(
    conn: asyncpg.Connection,
    claim: asyncpg.Record,
    correction_id: uuid.UUID,
    recomputation: Recomputation,
    by: str,
    today: dt.date,
    kind: str = "benefit",
) -> uuid.UUID | None:
    """The underpaid months of ``kind`` paid once: the benefit's as 补发 (kind arrears), the
    medical premium's (R-MED-1) as the correction's premium instruction."""
    underpaid = recomputation.underpaid if kind == "benefit" else recomputation.premium_underpaid
    if underpaid <= 0:
        return None
    last = max(m.benefit_month for m in recomputation.months if m.kind == kind and m.difference > 0)
    return await repository.insert_arrears(
        conn,
        claim_id=claim["id"],
        correction_id=correction_id,
        benefit_month=last,
        period_start=today,  # due now: the next payroll run of the claim's city pays it
        amount=underpaid,
        legal_basis=LEGAL_BASIS[PaymentKind.ARREARS] if kind == "benefit" else PREMIUM_ARREARS_BASIS,
        created_by=by,
        kind="arrears" if kind == "benefit" else kind,
    )


async def _settle_overpaid(
    conn: asyncpg.Connection, claim: asyncpg.Record, correction_id: uuid.UUID, recomputation: Recomputation, by: str
) -> list[uuid.UUID]:
    reason = f"R-CORR-1: 自行纠错 (更正编号 {correction_id})"
    to_cancel, to_reduce, proposed = [], [], []
    for month in recomputation.months:
        over = -month.difference
        if over <= 0:
            continue
        in_fund = month.payment_status in IN_THE_FUND
        if in_fund and over == month.issued_amount:
            to_cancel.append(month.payment_id)
        elif in_fund and over < month.issued_amount and not month.adjusted_before:
            to_reduce.append((month.payment_id, month.issued_amount - over))
        else:
            proposed.append(month)
    await overpayment_repository.cancel(conn, to_cancel, reason)
    await overpayment_repository.reduce(conn, [r[0] for r in to_reduce], [r[1] for r in to_reduce], reason, by)
    # R-FRAUD-1: proposed only; a case manager decides to recover or to waive.
    await overpayment_repository.insert_overpayments(
        conn,
        claim_id=claim["id"],
        payment_ids=[m.payment_id for m in proposed],
        amounts=[-m.difference for m in proposed],
        overpaid_days=[m.period.days for m in proposed],
        period_days=[m.period.days for m in proposed],
        rule=reason,
        created_by=by,
        correction_id=correction_id,
    )
    return [m.payment_id for m in proposed]
