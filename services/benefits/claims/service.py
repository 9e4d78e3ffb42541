"""Claim rules: opening (one per registration), the case manager's decision (R-REV-1) and stops
(R-STOP-1). Owns each transaction; raises domain errors."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import asyncpg

from services.benefits.claims import repository
from services.benefits.claims.schemas import (
    ClaimCreate,
    ClaimDecisionCreate,
    ClaimRead,
    ClaimStatus,
    ClaimStopCreate,
)
from services.benefits.policy.repository import benefit_amount_in_force
from shared.auth import Principal, Role
from shared.errors import Conflict, NotFound
from shared.outbox import OutboxRelay, SignalWorkflow, enqueue
from workflows.ids import claimant_journey_id
from workflows.messages import SIGNAL_CLAIM_DECIDED

CLAIM_NOT_FOUND = NotFound("claim_not_found", "未找到该待遇申领", "claim_id")


@dataclass
class Written:
    claim: ClaimRead
    created: bool


def to_read(row: asyncpg.Record) -> ClaimRead:
    return ClaimRead(**{k: row[k] for k in ClaimRead.model_fields})


async def get_visible(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get(conn, claim_id, for_update=for_update)
    if row is None or not principal.sees_district(row["district"]):
        raise CLAIM_NOT_FOUND
    return row


async def open_claim(
    conn: asyncpg.Connection, principal: Principal, data: ClaimCreate, review_days: int
) -> Written:
    async with conn.transaction():
        inserted = await repository.insert_claim(
            conn,
            claim_id=uuid.uuid4(),
            registration_id=data.registration_id,
            person_id=data.person_id,
            district=data.district,
            registration_date=data.registration_date,
            separation_date=data.separation_date,
            separation_reason=data.separation_reason,
            review_days=review_days,
        )
        row = await repository.get_by_registration(conn, data.registration_id)
    assert row is not None
    if not inserted and (row["person_id"] != data.person_id or row["district"] != data.district):
        raise Conflict("claim_exists", "该失业登记已有待遇申领", "registration_id")
    return Written(to_read(row), created=inserted)


async def decide(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    data: ClaimDecisionCreate,
    relay: OutboxRelay,
) -> ClaimRead:
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        if row["status"] != ClaimStatus.PENDING_REVIEW.value:
            raise Conflict("claim_already_decided", "该申领已作出审核决定", "claim_id")
        monthly_amount = policy_id = None
        if data.approved:
            # R-AMT-1/2: the amount in force on the benefit start date (R-START).
            policy = await benefit_amount_in_force(conn, row["district"], row["registration_date"])
            if policy is None:
                raise Conflict(
                    "no_benefit_amount_policy",
                    "该地区在登记日期没有有效的失业保险金标准, 请先维护政策参数",
                    "district",
                )
            monthly_amount, policy_id = policy["monthly_amount"], policy["id"]
        status = ClaimStatus.APPROVED if data.approved else ClaimStatus.REJECTED
        await repository.record_decision(
            conn,
            claim_id,
            status=status.value,
            entitlement_months=data.entitlement_months,
            monthly_amount=monthly_amount,
            amount_policy_id=policy_id,
            decided_by=principal.subject,
            reason=data.reason,
        )
        updated = await repository.get(conn, claim_id)
        outbox_id = await enqueue(
            conn,
            SignalWorkflow(
                workflow_id=claimant_journey_id(row["registration_id"]),
                signal=SIGNAL_CLAIM_DECIDED,
                arg={
                    "claim_id": str(claim_id),
                    "approved": data.approved,
                    "entitlement_months": data.entitlement_months or 0,
                    "decided_at": updated["decided_at"].isoformat(),
                },
                event_key=str(claim_id),
            ),
        )
    await relay.dispatch([outbox_id])
    return to_read(updated)


async def stop(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, data: ClaimStopCreate
) -> Written:
    """R-STOP-1: stop from the event date. Repeating the same stop changes nothing."""
    async with conn.transaction():
        row = await get_visible(conn, principal, claim_id, for_update=True)
        if row["status"] == ClaimStatus.STOPPED.value:
            same = (
                row["stop_reason"] == data.reason.value
                and row["stop_effective_date"] == data.effective_date
                and row["stop_evidence_ref"] == data.evidence_ref
            )
            if not same:
                raise Conflict("claim_already_stopped", "该申领已停发待遇", "claim_id")
            return Written(to_read(row), created=False)
        if row["status"] != ClaimStatus.APPROVED.value:
            raise Conflict("claim_not_approved", "只有已核准的申领才能停发", "claim_id")
        if data.effective_date < row["registration_date"]:
            raise Conflict(
                "stop_before_benefit_start", "停发日期不能早于待遇起始日期", "effective_date"
            )
        await repository.record_stop(
            conn,
            claim_id,
            reason=data.reason.value,
            effective_date=data.effective_date,
            evidence_ref=data.evidence_ref,
            stopped_by=principal.subject,
        )
        updated = await repository.get(conn, claim_id)
    return Written(to_read(updated), created=True)


async def list_claims(
    conn: asyncpg.Connection, principal: Principal, status: ClaimStatus | None, limit: int, offset: int
) -> list[ClaimRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_claims(
        conn, district, status.value if status else None, limit, offset
    )
    return [to_read(r) for r in rows]
