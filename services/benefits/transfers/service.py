"""Transfer out (R-XFER-1): the claim closes (stop reason ``transfer``) with its remaining
entitlement; across provinces money moves with it: the remaining benefit, the medical premium for
those months and a share of the remaining benefit for training / referral subsidies (parameter
``transfer_subsidy_ratio``), booked in the fund ledger (R-FUND-1)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from services.benefits.claims.schemas import ClaimRead, ClaimStatus, ClaimStopCreate, StopReason
from services.benefits.claims.service import apply_stop, get_visible
from services.benefits.entitlement.assessment import months_started_before
from services.benefits.ledger import repository as ledger_repository
from services.benefits.notices.render import Letterhead
from services.benefits.payments.periods import benefit_start
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter, to_fen
from services.benefits.transfers import repository
from services.benefits.transfers.schemas import TransferOutCreate, TransferOutRead
from shared.areas import city_of, province_of
from shared.auth import Principal
from shared.clock import Moment
from shared.errors import Conflict, InvalidInput, NotFound
from shared.outbox import OutboxRelay
from shared.results import Written
from shared.validation import at_most_ahead

LEGAL_BASIS = "社会保险法第五十二条 失业保险关系跨统筹地区转移 (R-XFER-1)"


@dataclass(frozen=True)
class Moving:
    """What leaves with the claim (R-XFER-1): within the province the months only; across
    provinces also the money for them."""

    inter_province: bool
    remaining_months: int
    remaining_benefit: Decimal
    medical_premium: Decimal = Decimal("0.00")
    subsidy_share: Decimal = Decimal("0.00")
    parameter_ids: tuple[int, ...] = ()

    @property
    def total(self) -> Decimal:
        return self.remaining_benefit + self.medical_premium + self.subsidy_share


async def transfer_out(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: TransferOutCreate,
    relay: OutboxRelay,
    now: Moment,
    letterhead: Letterhead,
) -> Written[TransferOutRead]:
    """R-XFER-1 in one transaction, with the stop's written decision (R-NOTICE-1)."""
    at_most_ahead(data.effective_date, now.today, field="effective_date")
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id, for_update=True)
        existing = await repository.get(conn, claim_id)
        if existing is not None:
            return Written(_repeated(existing, data), created=False)
        if claim["status"] != ClaimStatus.APPROVED.value:
            raise Conflict("claim_not_on_benefit", "只有领取期间的申领才能办理转出", "claim_id")
        if city_of(data.destination_area) == city_of(claim["district"]):
            raise InvalidInput("same_pooling_area", "转入地与转出地属同一统筹地区, 无需转移", "destination_area")
        moving = await _what_moves(conn, claim, data)
        stopped = await _stop_for_transfer(conn, principal, claim, data, now, letterhead)
        entry_id = await _book_outflow(conn, principal, claim, moving)
        row = await _insert(conn, principal, claim, data, moving, entry_id)
    await relay.dispatch(stopped.outbox_ids)
    return Written(TransferOutRead(**dict(row)), created=True)


def _repeated(existing: asyncpg.Record, data: TransferOutCreate) -> TransferOutRead:
    """The same transfer asked again is answered with the first; a different one is refused."""
    if (existing["effective_date"], existing["destination_area"]) != (data.effective_date, data.destination_area):
        raise Conflict("claim_already_transferred", "该申领已办理转出", "claim_id")
    return TransferOutRead(**dict(existing))


async def _what_moves(conn: asyncpg.Connection, claim: asyncpg.Record, data: TransferOutCreate) -> Moving:
    """The months not begun by the effective date; across provinces their benefit, their medical
    premium and the subsidy share (parameter ``transfer_subsidy_ratio``)."""
    drawn = months_started_before(benefit_start(claim), claim["entitlement_months"], data.effective_date)
    remaining = claim["entitlement_months"] - drawn
    inter_province = province_of(data.destination_area) != province_of(claim["district"])
    remaining_benefit = claim["monthly_amount"] * remaining
    if not (inter_province and remaining):
        return Moving(inter_province, remaining, remaining_benefit)
    premium = await parameter(conn, claim["district"], ParameterName.MEDICAL_PREMIUM_MONTHLY, data.effective_date)
    ratio = await parameter(conn, claim["district"], ParameterName.TRANSFER_SUBSIDY_RATIO, data.effective_date)
    return Moving(
        inter_province,
        remaining,
        remaining_benefit,
        medical_premium=premium["amount"] * remaining,
        subsidy_share=to_fen(remaining_benefit * ratio["ratio"]),
        parameter_ids=(premium["id"], ratio["id"]),
    )


async def _stop_for_transfer(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    data: TransferOutCreate,
    now: Moment,
    letterhead: Letterhead,
) -> Written[ClaimRead]:
    stop = ClaimStopCreate(reason=StopReason.TRANSFER, effective_date=data.effective_date, evidence_ref=data.evidence_ref)
    return await apply_stop(conn, principal, claim, stop, now, letterhead=letterhead)


async def _book_outflow(
    conn: asyncpg.Connection, principal: Principal, claim: asyncpg.Record, moving: Moving
) -> int | None:
    """Only an inter-province transfer moves money out of this fund (R-FUND-1)."""
    if not (moving.inter_province and moving.total > 0):
        return None
    entry_id = await ledger_repository.insert_entry(
        conn,
        city=city_of(claim["district"]),
        kind="transfer_out",
        amount=moving.total,
        legal_basis=LEGAL_BASIS,
        claim_id=claim["id"],
        created_by=principal.subject,
    )
    await policy_repository.mark_used(conn, parameter_ids=list(moving.parameter_ids), duration_ids=[], amount_ids=[])
    return entry_id


async def _insert(
    conn: asyncpg.Connection,
    principal: Principal,
    claim: asyncpg.Record,
    data: TransferOutCreate,
    moving: Moving,
    entry_id: int | None,
) -> asyncpg.Record:
    return await repository.insert(
        conn,
        claim_id=claim["id"],
        effective_date=data.effective_date,
        destination_area=data.destination_area,
        inter_province=moving.inter_province,
        remaining_months=moving.remaining_months,
        monthly_amount=claim["monthly_amount"],
        remaining_benefit=moving.remaining_benefit,
        medical_premium=moving.medical_premium,
        subsidy_share=moving.subsidy_share,
        total=moving.total,
        ledger_entry_id=entry_id,
        evidence_ref=data.evidence_ref,
        decided_by=principal.subject,
    )


async def get_transfer(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> TransferOutRead:
    await get_visible(conn, principal, claim_id)
    row = await repository.get(conn, claim_id)
    if row is None:
        raise NotFound("transfer_not_found", "该申领没有转出记录", "claim_id")
    return TransferOutRead(**dict(row))
