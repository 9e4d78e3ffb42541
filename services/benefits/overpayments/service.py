"""Overpayments (recovery records) of a claim."""

from __future__ import annotations

import uuid

import asyncpg

from services.benefits.claims.service import get_visible
from services.benefits.ledger import repository as ledger_repository
from services.benefits.notices import documents
from services.benefits.notices.issue import issue
from services.benefits.notices.render import Letterhead
from services.benefits.overpayments import repository
from services.benefits.overpayments.schemas import (
    OverpaymentDecisionCreate,
    OverpaymentOutcome,
    OverpaymentRead,
    OverpaymentWorklistRead,
    RecoveryCreate,
    RecoveryStatus,
)
from shared.areas import city_of
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.errors import Conflict, InvalidInput, NotFound

OVERPAYMENT_NOT_FOUND = NotFound("overpayment_not_found", "未找到该多发待遇记录", "overpayment_id")


async def list_overpayments(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID
) -> list[OverpaymentRead]:
    await get_visible(conn, principal, claim_id)
    return [OverpaymentRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]


async def list_across_claims(
    conn: asyncpg.Connection,
    principal: Principal,
    *,
    status: RecoveryStatus | None,
    district: str | None,
    limit: int,
    offset: int,
) -> list[OverpaymentWorklistRead]:
    """Overpayments of every claim the principal sees: a service point its own district's,
    whatever it asks for (as GET /claims)."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district
    rows = await repository.list_across_claims(conn, district, status.value if status else None, limit, offset)
    return [OverpaymentWorklistRead(**dict(r)) for r in rows]


async def decide(
    conn: asyncpg.Connection,
    principal: Principal,
    claim_id: uuid.UUID,
    overpayment_id: uuid.UUID,
    data: OverpaymentDecisionCreate,
    now: Moment,
    letterhead: Letterhead,
) -> OverpaymentRead:
    """R-FRAUD-1: the system proposes, a case manager decides to recover or to waive; a recovery
    is given in writing in the same transaction (R-NOTICE-1; a waiver takes nothing away)."""
    status = "to_recover" if data.outcome is OverpaymentOutcome.RECOVER else "waived"
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id)
        row = await repository.get(conn, claim_id, overpayment_id)
        if row is None:
            raise OVERPAYMENT_NOT_FOUND
        if row["recovery_status"] != "proposed":
            same = (row["recovery_status"], row["decision_note"], row["fraud_fine_amount"]) == (
                status, data.note, data.fraud_fine_amount
            )
            if same:
                return OverpaymentRead(**dict(row))
            raise Conflict("overpayment_already_decided", "该多发待遇已作出处理决定", "overpayment_id")
        fine = data.fraud_fine_amount
        if fine is not None and not 2 * row["amount"] <= fine <= 5 * row["amount"]:
            raise InvalidInput(
                "fraud_fine_out_of_range",
                f"骗取待遇的罚款应为骗取金额 {row['amount']} 元的二倍以上五倍以下"
                f" ({2 * row['amount']}–{5 * row['amount']} 元)",
                "fraud_fine_amount",
            )
        await repository.record_decision(conn, overpayment_id, status, data.note, principal.subject, fine)
        updated = await repository.get(conn, claim_id, overpayment_id)
        if status == "to_recover":
            document = documents.overpayment_recovery(str(uuid.uuid4()), claim, updated, now.today)
            await issue(conn, letterhead, principal, document, str(overpayment_id))
    return OverpaymentRead(**dict(updated))


async def record_recovery(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID, overpayment_id: uuid.UUID, data: RecoveryCreate
) -> OverpaymentRead:
    async with conn.transaction():
        claim = await get_visible(conn, principal, claim_id)
        row = await repository.get(conn, claim_id, overpayment_id)
        if row is None:
            raise OVERPAYMENT_NOT_FOUND
        if row["recovery_status"] == "recovered" and row["recovery_ref"] == data.recovery_ref:
            return OverpaymentRead(**dict(row))
        if row["recovery_status"] != "to_recover":
            raise Conflict("overpayment_not_to_recover", "只有经办人员决定追回的多发待遇才能登记退回", "overpayment_id")
        await repository.record_recovery(conn, overpayment_id, data.recovery_ref, principal.subject)
        await ledger_repository.record_recovery(
            conn,
            overpayment_id=overpayment_id,
            claim_id=claim_id,
            city=city_of(claim["district"]),
            amount=row["amount"],
            created_by=principal.subject,
        )
        updated = await repository.get(conn, claim_id, overpayment_id)
    return OverpaymentRead(**dict(updated))
