"""Subsidies for people on benefit (R-SUB-1): training and referral subsidies up to their caps,
and the skill-upgrade subsidy capped by certificate level (sample 1000 / 1500 / 2000) at most once
per person, occupation and level. Each award is a payment instruction of its kind; a refusal on the
merits is recorded with its written decision (R-NOTICE-1)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import asyncpg

from services.benefits.claims.schemas import ClaimStatus
from services.benefits.claims.service import get_visible
from services.benefits.entitlement.assessment import months_started_before
from services.benefits.notices import documents
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from services.benefits.payments import repository as payment_repository
from services.benefits.payments.periods import benefit_start, period_of
from services.benefits.payments.schemas import LEGAL_BASIS, PaymentKind, PaymentRead
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import missing_policy
from services.benefits.subsidies import repository
from services.benefits.subsidies.schemas import SubsidyCreate, SubsidyKind, SubsidyRead, SubsidyRefusalRead
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.errors import Conflict, DomainError
from shared.results import Written
from shared.validation import not_after

# Refusals that decide on the person's right (R-SUB-1), each recorded and given in writing
# (R-NOTICE-1). Not these: a bad or conflicting request, a missing policy row (the agency's to
# fix), a benefit month that has its subsidy of the kind already (the award is made next month).
REFUSED_ON_MERITS = frozenset({"claim_not_on_benefit", "not_on_benefit", "skill_subsidy_already_paid"})

CAPS = {
    SubsidyKind.TRAINING: ParameterName.TRAINING_SUBSIDY_CAP,
    SubsidyKind.REFERRAL: ParameterName.REFERRAL_SUBSIDY_CAP,
}


def cap_parameter(data: SubsidyCreate) -> str:
    if data.kind is SubsidyKind.SKILL_UPGRADE:
        return f"skill_upgrade_cap_level_{data.certificate_level}"
    return CAPS[data.kind].value


async def _read(conn: asyncpg.Connection, award: asyncpg.Record) -> SubsidyRead:
    payment = await payment_repository.get(conn, award["payment_id"])
    return SubsidyRead(**{**dict(award), "payment": PaymentRead(**dict(payment))})


async def award(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: SubsidyCreate,
    now: Moment,
    letterhead: Letterhead,
) -> Written[SubsidyRead]:
    """R-SUB-1. A refusal on the merits (REFUSED_ON_MERITS) is recorded and given in writing
    (R-NOTICE-1) before it is answered: the refusal's transaction commits, then the same error is
    raised (raised inside, it would roll the record and the notice back)."""
    awarded_on = data.awarded_on or now.today
    not_after(awarded_on, now.today, code="date_in_future", message="发放日期不能晚于今天", field="awarded_on")
    refusal: DomainError | None = None
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id, for_update=True)
        existing = await repository.by_event(conn, data.kind.value, data.event_ref)
        if existing is not None:
            return Written(await _repeated(conn, existing, claim_id, data), created=False)
        try:
            month = await _entitled_month(conn, claim, data, awarded_on)
        except DomainError as error:
            if error.code not in REFUSED_ON_MERITS:
                raise
            await _record_refusal(conn, principal, claim, data, awarded_on, error, now, letterhead)
            refusal = error
        else:
            return Written(await _award(conn, principal, claim, data, month, awarded_on), created=True)
    assert refusal is not None
    raise refusal


async def _entitled_month(
    conn: asyncpg.Connection, claim: asyncpg.Record, data: SubsidyCreate, awarded_on: dt.date
) -> int:
    """The benefit month the award falls in, or the refusal on the merits (R-SUB-1)."""
    month = _benefit_month_of(claim, awarded_on)
    if data.kind is SubsidyKind.SKILL_UPGRADE:
        await _check_skill_upgrade_once(conn, claim, data)
    return month


async def _award(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    data: SubsidyCreate,
    month: int,
    awarded_on: dt.date,
) -> SubsidyRead:
    cap = await _cap_in_force(conn, claim, data, awarded_on)
    amount = min(data.requested_amount, cap["amount"])
    payment_id = await _pay(conn, principal, claim, data, month, amount, cap)
    row = await repository.insert(
        conn,
        claim_id=claim["id"],
        person_id=claim["person_id"],
        kind=data.kind.value,
        event_ref=data.event_ref,
        occupation=data.occupation,
        certificate_level=data.certificate_level,
        requested_amount=data.requested_amount,
        amount=amount,
        cap=cap["amount"],
        policy_parameter_id=cap["id"],
        payment_id=payment_id,
        awarded_by=principal.subject,
    )
    return await _read(conn, row)


async def _record_refusal(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    data: SubsidyCreate,
    awarded_on: dt.date,
    error: DomainError,
    now: Moment,
    letterhead: Letterhead,
) -> None:
    """R-NOTICE-1: the refusal, once per claim and event, with its 不予发放补贴决定书."""
    refusal = await repository.insert_refusal(
        conn,
        claim_id=claim["id"],
        kind=data.kind.value,
        event_ref=data.event_ref,
        requested_amount=data.requested_amount,
        requested_on=awarded_on,
        occupation=data.occupation,
        certificate_level=data.certificate_level,
        code=error.code,
        message=error.message,
        refused_by=principal.subject,
    )
    if refusal is None:
        return
    document = documents.subsidy_refused(str(uuid.uuid4()), claim, refusal, now.today)
    await issue(conn, letterhead, principal, document, str(refusal["id"]))


async def _repeated(
    conn: asyncpg.Connection, existing: asyncpg.Record, claim_id: uuid.UUID, data: SubsidyCreate
) -> SubsidyRead:
    """The same event awarded again is answered with the first award; a different one is refused."""
    same = (existing["claim_id"], existing["requested_amount"], existing["occupation"], existing["certificate_level"]) == (
        claim_id, data.requested_amount, data.occupation, data.certificate_level
    )
    if not same:
        raise Conflict("subsidy_event_exists", "该培训/介绍/证书已有不同的补贴记录", "event_ref")
    return await _read(conn, existing)


def _benefit_month_of(claim: asyncpg.Record, awarded_on: dt.date) -> int:
    """R-SUB-1: for people on benefit: approved, and not after a stop or the last month."""
    if claim["status"] not in (ClaimStatus.APPROVED.value, ClaimStatus.STOPPED.value):
        raise Conflict("claim_not_on_benefit", "申领未核准, 不能发放补贴", "claim_id")
    start = benefit_start(claim)
    month = months_started_before(start, claim["entitlement_months"], awarded_on + dt.timedelta(days=1))
    stopped_before = claim["stop_effective_date"] is not None and awarded_on >= claim["stop_effective_date"]
    if month < 1 or stopped_before or period_of(claim, month).end <= awarded_on:
        raise Conflict("not_on_benefit", "发放日期不在领取失业保险金期间", "awarded_on")
    return month


async def _check_skill_upgrade_once(conn: asyncpg.Connection, claim: asyncpg.Record, data: SubsidyCreate) -> None:
    """R-SUB-1: once per person, occupation and certificate level."""
    assert data.occupation is not None and data.certificate_level is not None
    if await repository.skill_award_of(conn, claim["person_id"], data.occupation, data.certificate_level):
        raise Conflict(
            "skill_subsidy_already_paid",
            "同一职业 (工种) 同一等级的技能提升补贴只能领取一次 (R-SUB-1)",
            "certificate_level",
        )


async def _cap_in_force(
    conn: asyncpg.Connection, claim: asyncpg.Record, data: SubsidyCreate, awarded_on: dt.date
) -> asyncpg.Record:
    name = cap_parameter(data)
    cap = await policy_repository.parameter_in_force(conn, claim["district"], name, awarded_on)
    if cap is None:
        error = missing_policy(name, claim["district"], awarded_on)
        error.field = "certificate_level" if data.kind is SubsidyKind.SKILL_UPGRADE else "kind"
        raise error
    return cap


async def _pay(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    data: SubsidyCreate,
    month: int,
    amount: Decimal,
    cap: asyncpg.Record,
) -> uuid.UUID:
    """The award's payment instruction: one per claim, benefit month and kind."""
    kind = PaymentKind(data.kind.value)
    payment, created = await payment_repository.insert_once(
        conn,
        claim_id=claim["id"],
        benefit_month=month,
        kind=kind.value,
        period_start=period_of(claim, month).start,
        amount=amount,
        legal_basis=LEGAL_BASIS[kind],
        created_by=principal.subject,
        policy_parameter_id=cap["id"],
    )
    if not created:
        raise Conflict("subsidy_month_taken", "本领取月已发放同类补贴, 请在下一领取月发放", "kind")
    await policy_repository.mark_used(conn, parameter_ids=[cap["id"]], duration_ids=[], amount_ids=[])
    return payment["id"]


async def list_awards(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> list[SubsidyRead]:
    await get_visible(conn, principal, claim_id)
    return [await _read(conn, r) for r in await repository.list_for_claim(conn, claim_id)]


async def list_refusals(
    conn: asyncpg.Connection, principal: Principal, *, district: str | None, limit: int, offset: int
) -> list[SubsidyRefusalRead]:
    """不予发放补贴 worklist (R-SUB-1, R-NOTICE-1): a service point sees its own district's,
    whatever it asks for (as GET /claims)."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district
    return [SubsidyRefusalRead(**dict(r)) for r in await repository.list_refusals(conn, district, limit, offset)]
