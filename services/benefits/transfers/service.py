"""Transfer out (R-XFER-1): the claim closes (stop reason ``transfer``) with its remaining
entitlement; across provinces money moves with it: the remaining benefit, the medical premium for
those months and a share of the remaining benefit for training / referral subsidies (parameter
``transfer_subsidy_ratio``), booked in the fund ledger (R-FUND-1)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import asyncpg

from services.benefits.claims.schemas import ClaimStatus, ClaimStopCreate, StopReason
from services.benefits.claims.service import apply_stop, get_visible
from services.benefits.entitlement.assessment import months_started_before
from services.benefits.ledger import repository as ledger_repository
from services.benefits.payments.periods import benefit_start
from services.benefits.policy import repository as policy_repository
from services.benefits.policy.schemas import ParameterName
from services.benefits.policy.service import parameter, to_fen
from services.benefits.transfers import repository
from services.benefits.transfers.schemas import TransferOutCreate, TransferOutRead
from shared.auth import Principal
from shared.clock import Moment
from shared.errors import Conflict, InvalidInput, NotFound
from shared.outbox import OutboxRelay
from shared.validation import at_most_ahead

LEGAL_BASIS = "社会保险法第五十二条 失业保险关系跨统筹地区转移 (R-XFER-1)"


def city_of(area: str) -> str:
    return area[:4] + "00"


async def transfer_out(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: TransferOutCreate,
    relay: OutboxRelay,
    now: Moment,
) -> tuple[TransferOutRead, bool]:
    at_most_ahead(data.effective_date, now.today, field="effective_date")
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id, for_update=True)
        existing = await repository.get(conn, claim_id)
        if existing is not None:
            if (existing["effective_date"], existing["destination_area"]) != (data.effective_date, data.destination_area):
                raise Conflict("claim_already_transferred", "该申领已办理转出", "claim_id")
            return TransferOutRead(**dict(existing)), False
        if claim["status"] != ClaimStatus.APPROVED.value:
            raise Conflict("claim_not_on_benefit", "只有领取期间的申领才能办理转出", "claim_id")
        if city_of(data.destination_area) == city_of(claim["district"]):
            raise InvalidInput("same_pooling_area", "转入地与转出地属同一统筹地区, 无需转移", "destination_area")
        drawn = months_started_before(benefit_start(claim), claim["entitlement_months"], data.effective_date)
        remaining = claim["entitlement_months"] - drawn
        inter_province = data.destination_area[:2] != claim["district"][:2]
        remaining_benefit = claim["monthly_amount"] * remaining
        medical = subsidy = Decimal("0.00")
        used: list[int] = []
        if inter_province and remaining:
            premium = await parameter(conn, claim["district"], ParameterName.MEDICAL_PREMIUM_MONTHLY, data.effective_date)
            ratio = await parameter(conn, claim["district"], ParameterName.TRANSFER_SUBSIDY_RATIO, data.effective_date)
            medical = premium["amount"] * remaining
            subsidy = to_fen(remaining_benefit * ratio["ratio"])
            used = [premium["id"], ratio["id"]]
        stopped = await apply_stop(
            conn,
            principal,
            claim,
            ClaimStopCreate(reason=StopReason.TRANSFER, effective_date=data.effective_date, evidence_ref=data.evidence_ref),
            now,
        )
        total = remaining_benefit + medical + subsidy
        entry_id = None
        if inter_province and total > 0:
            # Only an inter-province transfer moves money out of this fund.
            entry_id = await ledger_repository.insert_entry(
                conn,
                city=city_of(claim["district"]),
                kind="transfer_out",
                amount=total,
                legal_basis=LEGAL_BASIS,
                claim_id=claim_id,
                created_by=principal.subject,
            )
            await policy_repository.mark_used(conn, parameter_ids=used, duration_ids=[], amount_ids=[])
        row = await repository.insert(
            conn,
            claim_id=claim_id,
            effective_date=data.effective_date,
            destination_area=data.destination_area,
            inter_province=inter_province,
            remaining_months=remaining,
            monthly_amount=claim["monthly_amount"],
            remaining_benefit=remaining_benefit,
            medical_premium=medical,
            subsidy_share=subsidy,
            total=total,
            ledger_entry_id=entry_id,
            evidence_ref=data.evidence_ref,
            decided_by=principal.subject,
        )
    await relay.dispatch(stopped.outbox_ids)
    return TransferOutRead(**dict(row)), True


async def get_transfer(conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID) -> TransferOutRead:
    await get_visible(conn, principal, claim_id)
    row = await repository.get(conn, claim_id)
    if row is None:
        raise NotFound("transfer_not_found", "该申领没有转出记录", "claim_id")
    return TransferOutRead(**dict(row))
