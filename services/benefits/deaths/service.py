"""Death during the benefit period (R-DEATH-1): benefit stops after the month of death, whose
benefit is paid in full to the family, with its medical premium (R-MED-1); the survivor grant; the
funeral grant only when the family chose it from this fund (not from pension or work-injury
insurance). One transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import asyncpg

from services.benefits.bank_accounts import repository as account_repository
from services.benefits.bank_accounts.schemas import mask_holder_name
from services.benefits.claims.schemas import ClaimRead, ClaimStatus, ClaimStopCreate, StopReason
from services.benefits.claims.service import apply_stop, get_visible
from services.benefits.deaths import repository
from services.benefits.deaths.schemas import DeathReportCreate, DeathReportRead, FuneralGrantChoice
from services.benefits.entitlement.assessment import months_started_before
from services.benefits.notices.render import Letterhead
from services.benefits.payments import repository as payment_repository
from services.benefits.payments.periods import Period, benefit_start, period_of
from services.benefits.payments.schemas import LEGAL_BASIS, PaymentKind, PaymentRead
from services.benefits.payments.service import record_medical_premium
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter
from shared.auth import Principal
from shared.clock import Moment
from shared.errors import Conflict, NotFound
from shared.outbox import OutboxRelay
from shared.results import Written
from shared.validation import not_after

REFUSALS = {
    FuneralGrantChoice.PENSION: "家属已选择领取基本养老保险丧葬补助金, 失业保险不再支付 (R-DEATH-1)",
    FuneralGrantChoice.WORK_INJURY: "家属已选择领取工伤保险丧葬补助金, 失业保险不再支付 (R-DEATH-1)",
}


async def _read(conn: asyncpg.Connection, report: asyncpg.Record) -> DeathReportRead:
    async def payment(payment_id: uuid.UUID | None) -> PaymentRead | None:
        if payment_id is None:
            return None
        return PaymentRead(**dict(await payment_repository.get(conn, payment_id)))

    choice = FuneralGrantChoice(report["funeral_grant_choice"])
    survivor = await payment(report["survivor_grant_payment_id"])
    assert survivor is not None
    death_month = await payment(report["death_month_payment_id"])
    premium = None
    if death_month is not None:
        row = await payment_repository.get_for_month(
            conn, report["claim_id"], death_month.benefit_month, PaymentKind.MEDICAL_PREMIUM.value
        )
        premium = PaymentRead(**dict(row)) if row is not None else None
    return DeathReportRead(
        claim_id=report["claim_id"],
        date_of_death=report["date_of_death"],
        evidence_ref=report["evidence_ref"],
        recipient_name_masked=mask_holder_name(report["recipient_name"]),
        recipient_relationship=report["recipient_relationship"],
        funeral_grant_choice=choice,
        funeral_grant=await payment(report["funeral_grant_payment_id"]),
        funeral_grant_refusal=REFUSALS.get(choice),
        survivor_grant=survivor,
        death_month_benefit=death_month,
        death_month_medical_premium=premium,
        recorded_by=report["recorded_by"],
        recorded_at=report["recorded_at"],
    )


@dataclass(frozen=True)
class DeathPayments:
    """The instructions a death report issues (R-DEATH-1), by payment ID."""

    death_month: uuid.UUID
    survivor_grant: uuid.UUID
    funeral_grant: uuid.UUID | None


async def record_death(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: DeathReportCreate,
    relay: OutboxRelay,
    now: Moment,
    letterhead: Letterhead,
) -> Written[DeathReportRead]:
    """R-DEATH-1 in one transaction, with the stop's written decision (R-NOTICE-1)."""
    not_after(data.date_of_death, now.today, code="date_in_future", message="死亡日期不能晚于今天", field="date_of_death")
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id, for_update=True)
        existing = await repository.get(conn, claim_id)
        if existing is not None:
            return Written(await _repeated(conn, existing, data), created=False)
        if claim["status"] != ClaimStatus.APPROVED.value:
            raise Conflict("claim_not_on_benefit", "只有领取期间的申领才能登记死亡待遇", "claim_id")
        month, period = _month_of_death(claim, data.date_of_death)
        account = await account_repository.replace(
            conn,
            claim_id=claim_id,
            holder="survivor",
            bank_code=data.recipient_bank_code,
            account_number=data.recipient_account_number,
            account_name=data.recipient_name,
            created_by=principal.subject,
        )
        stopped = await _stop_for_death(conn, principal, claim, period, data, now, letterhead)
        payments = await _pay(conn, principal, claim, month, period, account["id"], data)
        await _insert_report(conn, principal, claim_id, data, account["id"], payments)
        read = await _read(conn, await repository.get(conn, claim_id))
    await relay.dispatch(stopped.outbox_ids)
    return Written(read, created=True)


async def _repeated(conn: asyncpg.Connection, existing: asyncpg.Record, data: DeathReportCreate) -> DeathReportRead:
    """The same report given again is answered with the first; a different one is refused."""
    same = (existing["date_of_death"], existing["evidence_ref"], existing["funeral_grant_choice"]) == (
        data.date_of_death, data.evidence_ref, data.funeral_grant_choice.value
    )
    if not same:
        raise Conflict("death_already_recorded", "该申领已登记死亡情况", "claim_id")
    return await _read(conn, existing)


async def _stop_for_death(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    period: Period,
    data: DeathReportCreate,
    now: Moment,
    letterhead: Letterhead,
) -> Written[ClaimRead]:
    """The month of death is paid in full (R-DEATH-1); nothing after it. The stop's notice
    (R-NOTICE-1) is issued with it."""
    stopped = await apply_stop(
        conn,
        principal,
        claim,
        ClaimStopCreate(reason=StopReason.DEATH, effective_date=period.end, evidence_ref=data.evidence_ref),
        now,
        letterhead=letterhead,
        # The journey ends the 失业登记 on the date of death itself (R-SPELL-1).
        event_date=data.date_of_death,
    )
    assert stopped.created
    return stopped


async def _pay(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    month: int,
    period: Period,
    account_id: int,
    data: DeathReportCreate,
) -> DeathPayments:
    """The month of death, the survivor grant, and the funeral grant when the family chose this fund."""
    death_month = await _pay_month_of_death(conn, principal, claim, month, period, account_id)
    survivor = await _grant(conn, principal, claim, month, period.start, PaymentKind.SURVIVOR_GRANT, account_id, data)
    funeral = None
    if data.funeral_grant_choice is FuneralGrantChoice.UNEMPLOYMENT:
        funeral = await _grant(conn, principal, claim, month, period.start, PaymentKind.FUNERAL_GRANT, account_id, data)
    return DeathPayments(death_month=death_month, survivor_grant=survivor, funeral_grant=funeral)


async def _insert_report(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: DeathReportCreate,
    account_id: int,
    payments: DeathPayments,
) -> None:
    await repository.insert(
        conn,
        claim_id=claim_id,
        date_of_death=data.date_of_death,
        evidence_ref=data.evidence_ref,
        recipient_name=data.recipient_name,
        recipient_relationship=data.recipient_relationship.value,
        funeral_grant_choice=data.funeral_grant_choice.value,
        recipient_account_id=account_id,
        funeral_grant_payment_id=payments.funeral_grant,
        survivor_grant_payment_id=payments.survivor_grant,
        death_month_payment_id=payments.death_month,
        recorded_by=principal.subject,
    )


def _month_of_death(claim: asyncpg.Record, date_of_death: dt.date) -> tuple[int, Period]:
    """The benefit month the death falls in; refused outside the benefit period."""
    start = benefit_start(claim)
    month = months_started_before(start, claim["entitlement_months"], date_of_death + dt.timedelta(days=1))
    period = period_of(claim, month) if month >= 1 else None
    if date_of_death < start or period is None or period.end <= date_of_death:
        raise Conflict("death_outside_benefit_period", "死亡日期不在领取失业保险金期间", "date_of_death")
    return month, period


async def _pay_month_of_death(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    month: int,
    period: Period,
    account_id: int,
) -> uuid.UUID:
    """R-DEATH-1: the month of death is paid in full, to the family; R-MED-1: with its medical
    premium, to the medical-insurance fund. Whatever the journey already issued for the month is
    kept (one instruction per claim, month and kind); a month withheld for a missing report had
    none, and gets both here. One already issued to the claimant's own account goes to the
    family's instead while the fund still holds it. Returns the benefit instruction's ID."""
    benefit, created = await payment_repository.insert_once(
        conn,
        claim_id=claim["id"],
        benefit_month=month,
        kind=PaymentKind.BENEFIT.value,
        period_start=period.start,
        amount=claim["monthly_amount"],
        legal_basis=LEGAL_BASIS[PaymentKind.BENEFIT] + "; 死亡当月 (R-DEATH-1)",
        created_by=principal.subject,
        payee_account_id=account_id,
    )
    if not created:
        await payment_repository.redirect_to_account(conn, benefit["id"], account_id)
    # ``claim`` is the row as before the stop: nothing of the month is cut (the stop is its end).
    await record_medical_premium(conn, principal, claim, month, period, "by_day")
    return benefit["id"]


async def _grant(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    month: int,
    period_start: dt.date,
    kind: PaymentKind,
    account_id: int,
    data: DeathReportCreate,
) -> uuid.UUID:
    name = ParameterName.FUNERAL_GRANT if kind is PaymentKind.FUNERAL_GRANT else ParameterName.SURVIVOR_GRANT
    rate = await parameter(conn, claim["district"], name, data.date_of_death)
    row, _ = await payment_repository.insert_once(
        conn,
        claim_id=claim["id"],
        benefit_month=month,
        kind=kind.value,
        period_start=period_start,
        amount=rate["amount"],
        legal_basis=LEGAL_BASIS[kind],
        created_by=principal.subject,
        policy_parameter_id=rate["id"],
        payee_account_id=account_id,
    )
    await policy_repository.mark_used(conn, parameter_ids=[rate["id"]], duration_ids=[], amount_ids=[])
    return row["id"]


async def get_death(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> DeathReportRead:
    await get_visible(conn, principal, claim_id)
    report = await repository.get(conn, claim_id)
    if report is None:
        raise NotFound("death_report_not_found", "该申领没有死亡登记", "claim_id")
    return await _read(conn, report)
