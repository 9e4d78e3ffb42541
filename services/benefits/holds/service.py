"""Payment holds (R-HOLD-1): a payroll run holds an instruction from the bank file when the
payee's account or account name changed since the claim's last paid instruction, when it is the
first payment to the account, when a benefit month's amount differs from the claim's monthly
amount beyond the policy's tolerance (``payment_hold_tolerance``), or while the person has an
open audit review item. A held instruction stays payable, out of every run, until a case manager
releases it (the next run pays it, once) or cancels it (cancelled, never paid), with a reason."""

from __future__ import annotations

import datetime as dt

import asyncpg

from services.benefits.holds import repository
from services.benefits.holds.schemas import HoldDecision, HoldStatus, PaymentHoldRead
from shared.auth import Principal, Role
from shared.errors import Conflict, NotFound

HOLD_NOT_FOUND = NotFound("payment_hold_not_found", "未找到该暂停发放记录", "hold_id")
_DONE = {HoldStatus.RELEASED: "已放行", HoldStatus.CANCELLED: "已取消"}


async def hold_due(conn: asyncpg.Connection, run_id: int, city: str, due_before: dt.date) -> None:
    """Inside the run's transaction, before it collects what it pays."""
    await repository.hold_due(conn, run_id, city, due_before)


async def list_holds(
    conn: asyncpg.Connection, principal: Principal, *, status: HoldStatus | None, district: str | None,
    held_in_run: int | None, limit: int, offset: int,
) -> list[PaymentHoldRead]:
    """The oldest first; a service point sees its own district's (as GET /payments/withheld)."""
    if principal.role is Role.SERVICE_POINT:
        district = principal.district
    rows = await repository.list_holds(
        conn, status.value if status else None, district, held_in_run, limit, offset
    )
    return [PaymentHoldRead(**dict(r)) for r in rows]


async def get_hold(conn: asyncpg.Connection, principal: Principal, hold_id: int) -> PaymentHoldRead:
    row = await repository.get(conn, hold_id)
    if row is None or not principal.sees_district(row["district"]):
        raise HOLD_NOT_FOUND
    return PaymentHoldRead(**dict(row))


async def decide(
    conn: asyncpg.Connection, principal: Principal, hold_id: int, target: HoldStatus, data: HoldDecision
) -> PaymentHoldRead:
    """Release or cancel a held instruction; the same decision again answers as before, the
    contrary one is refused."""
    async with conn.transaction():
        row = await repository.get(conn, hold_id, for_update=True)
        if row is None or not principal.sees_district(row["district"]):
            raise HOLD_NOT_FOUND
        status = HoldStatus(row["status"])
        if status is target:
            return PaymentHoldRead(**dict(row))
        if status is not HoldStatus.HELD:
            raise Conflict(
                f"payment_hold_already_{status.value}",
                f"该支付指令的暂停发放{_DONE[status]}, 不能再{'放行' if target is HoldStatus.RELEASED else '取消'}",
                "hold_id",
            )
        await repository.decide(conn, hold_id, target.value, principal.subject, data.reason)
        if target is HoldStatus.CANCELLED:
            await repository.cancel_payment(conn, row["payment_id"], f"暂停发放后取消 (R-HOLD-1): {data.reason}")
        return PaymentHoldRead(**dict(await repository.get(conn, hold_id)))
