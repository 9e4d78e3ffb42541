"""Overpayments (recovery records) of a claim."""

from __future__ import annotations

import uuid

import asyncpg

from services.benefits.claims.service import get_visible
from services.benefits.overpayments import repository
from services.benefits.overpayments.schemas import OverpaymentRead
from shared.auth import Principal


async def list_overpayments(
    conn: asyncpg.Connection, principal: Principal, claim_id: uuid.UUID
) -> list[OverpaymentRead]:
    await get_visible(conn, principal, claim_id)
    return [OverpaymentRead(**dict(r)) for r in await repository.list_for_claim(conn, claim_id)]
