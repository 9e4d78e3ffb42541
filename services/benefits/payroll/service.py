"""Payroll runs (R-PAY-1): one run per request for a period and city takes every payable
instruction of a benefit month begun by then (never a period not yet begun) not yet disbursed, writes the bank file (with its count and control total) and the
ledger's outflows (R-FUND-1); running again pays nothing twice. Bank returns mark items paid or
rejected; a rejected payment is re-issued once the account is corrected and is paid once."""

from __future__ import annotations

import csv
import datetime as dt
import re
import uuid
from collections.abc import Iterator

import asyncpg

from services.benefits.bank_accounts import repository as account_repository
from services.benefits.holds import service as holds_service
from services.benefits.ledger import repository as ledger_repository
from services.benefits.payments import repository as payment_repository
from services.benefits.payroll import repository
from services.benefits.payroll.schemas import BankReturnResult, PayrollRunCreate, PayrollRunRead, ReissueRead
from shared.auth import Principal
from shared.clock import Moment
from shared.csvfile import record_lines
from shared.errors import Conflict, InvalidInput, NotFound
from shared.inputs import has_forbidden_characters, parse_month
from shared.results import Written
from contracts.calendar import add_months

RUN_NOT_FOUND = NotFound("payroll_run_not_found", "未找到该发放批次", "run_id")
PAYMENT_NOT_FOUND = NotFound("payment_not_found", "未找到该支付指令", "payment_id")
RESULTS = {"paid": "paid", "成功": "paid", "rejected": "rejected", "失败": "rejected"}
_LINE_END = re.compile(r"\r\n|\r|\n")


def period_start(period: str) -> dt.date:
    return parse_month(period)


def period_end(period: str) -> dt.date:
    return add_months(period_start(period), 1)


def due_before(period: str, today: dt.date) -> dt.date:
    """Instructions whose benefit month starts before this day are due in the run: those of the
    period, but none of a month that has not begun by China's date (R-TIME-1)."""
    if period_start(period) > today:
        raise Conflict(
            "payroll_period_not_started",
            f"发放期间 {period} 尚未开始 (今天是 {today.isoformat()}), 不能发放",
            "period",
        )
    return min(period_end(period), today + dt.timedelta(days=1))


async def run_payroll(
    conn: asyncpg.Connection, principal: Principal, data: PayrollRunCreate, *, today: dt.date
) -> PayrollRunRead:
    """R-PAY-1: pay what is due by ``today`` (the request's China date) in the period."""
    end = due_before(data.period, today)
    await repository.refresh_statistics(conn)  # outside the run's transaction: no lock held
    async with conn.transaction():
        run_id = await repository.insert_run(conn, data.period, data.city, principal.subject)
        await holds_service.hold_due(conn, run_id, data.city, end)  # R-HOLD-1, before collecting
        await repository.collect_payable(conn, run_id, data.city, end)
        await ledger_repository.record_run_outflows(conn, run_id, data.city, principal.subject)
        await repository.transfer_medical_premiums(conn, run_id, data.city, end, principal.subject)
        run = await repository.close_run(conn, run_id, data.city, end)
        left_out = await repository.count_unpayable(conn, data.city, end)
        return await _read(conn, run, left_out)


async def _read(conn: asyncpg.Connection, run: asyncpg.Record, left_out: int | None = None) -> PayrollRunRead:
    premiums = await repository.medical_premium_totals(conn, run["id"])
    return PayrollRunRead(
        **dict(run),
        medical_premium_count=premiums["n"],
        medical_premium_total=premiums["total"],
        left_out_without_account=left_out,
    )


async def get_run(conn: asyncpg.Connection, run_id: int) -> PayrollRunRead:
    run = await repository.get_run(conn, run_id)
    if run is None:
        raise RUN_NOT_FOUND
    return await _read(conn, run)


async def release(conn: asyncpg.Connection, principal: Principal, run_id: int, now: Moment) -> Written[PayrollRunRead]:
    """R-CTRL-1: release the run to the bank (its bank file is served from then on); released
    again, nothing changes. ``principal``: who released it (the preparer, when a second person
    approved it: services/benefits/approvals)."""
    async with conn.transaction():
        run = await repository.get_run_for_update(conn, run_id)
        if run is None:
            raise RUN_NOT_FOUND
        if run["released_at"] is not None:
            return Written(await _read(conn, run), created=False)
        await repository.release(conn, run_id, principal.subject, now.instant)
        return Written(await get_run(conn, run_id), created=True)


async def bank_file(conn: asyncpg.Connection, run_id: int) -> str:
    """The bank disbursement file: a control record (H: run, period, city, count, total), then one
    detail record (D) per payment. Holds full account numbers: for the bank only, never logged.
    Served only for a released run (R-CTRL-1)."""
    async with conn.transaction():
        run = await repository.get_run(conn, run_id)
        if run is None:
            raise RUN_NOT_FOUND
        if run["released_at"] is None:
            raise Conflict("payroll_run_not_released", "该发放批次尚未放行, 不能生成银行代发文件", "run_id")
        lines = await repository.bank_file_lines(conn, run_id)
    # One record per line whatever a stored field holds: a line break in an account holder's
    # name must never add a record (refused at input too, shared.inputs.Text).
    header = ["H", run["id"], run["period"], run["city"], run["item_count"], f"{run['control_total']:.2f}"]
    return record_lines([header] + [
        ["D", line["payment_id"], line["bank_code"], line["account_number"], line["account_name"],
         f"{line['amount']:.2f}", line["kind"], line["claim_id"]]
        for line in lines
    ])


def _return_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a bank return file whose lines end in CRLF, LF or a bare CR."""
    for number, line in enumerate(_LINE_END.split(text), start=1):
        try:
            row = next(csv.reader([line]), [])
        except csv.Error:
            raise InvalidInput("invalid_return_file", f"第{number}行不是有效的CSV记录", f"file.line{number}") from None
        # NUL (PostgreSQL refuses it), other controls, bidi and zero-width: as shared.inputs.Text.
        if any(has_forbidden_characters(value) for value in row):
            raise InvalidInput("invalid_characters", f"第{number}行含有不允许的字符", f"file.line{number}")
        yield number, row


def parse_return_file(text: str) -> list[tuple[uuid.UUID, str, str | None]]:
    """``付款编号,结果,原因`` per line (a header line is allowed); 结果 paid/rejected (成功/失败)."""
    parsed: list[tuple[uuid.UUID, str, str | None]] = []
    seen: set[uuid.UUID] = set()
    for number, row in _return_rows(text):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip() in ("付款编号", "payment_id"):
            continue
        field = f"file.line{number}"
        try:
            payment_id = uuid.UUID(row[0].strip())
        except ValueError:
            raise InvalidInput("invalid_payment_id", f"第{number}行付款编号无效", field) from None
        result = RESULTS.get(row[1].strip()) if len(row) > 1 else None
        if result is None:
            raise InvalidInput("invalid_return_result", f"第{number}行结果应为 paid/rejected (成功/失败)", field)
        reason = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if result == "rejected" and reason is None:
            raise InvalidInput("reject_reason_required", f"第{number}行退票须说明原因", field)
        if payment_id in seen:
            raise InvalidInput("duplicate_payment_in_file", f"第{number}行付款编号重复", field)
        seen.add(payment_id)
        parsed.append((payment_id, result, reason))
    if not parsed:
        raise InvalidInput("empty_return_file", "回盘文件没有记录", "file")
    return parsed


async def import_returns(conn: asyncpg.Connection, principal: Principal, run_id: int, text: str) -> BankReturnResult:
    returns = parse_return_file(text)
    ids = [r[0] for r in returns]
    async with conn.transaction():
        if await repository.get_run(conn, run_id) is None:
            raise RUN_NOT_FOUND
        items = {r["payment_id"]: r for r in await repository.items_of(conn, run_id, ids)}
        for payment_id, result, _ in returns:
            item = items.get(payment_id)
            if item is None:
                raise InvalidInput("payment_not_in_run", f"付款编号 {payment_id} 不在本批次中", "file")
            if item["result"] not in ("disbursed", result):
                raise Conflict(
                    "return_conflicts", f"付款编号 {payment_id} 已回盘为 {item['result']}, 与本文件不一致", "file"
                )
        changed = await repository.apply_returns(
            conn, run_id, ids, [r[1] for r in returns], [r[2] for r in returns]
        )
        rejected = [r["payment_id"] for r in changed if r["result"] == "rejected"]
        # R-FUND-1: money the bank sent back is a new, negative entry, never an edit.
        await ledger_repository.reverse_run_outflows(conn, run_id, rejected, principal.subject)
    return BankReturnResult(
        run_id=run_id,
        lines=len(returns),
        paid=sum(1 for r in changed if r["result"] == "paid"),
        rejected=len(rejected),
        unchanged=len(returns) - len(changed),
    )


async def reissue(conn: asyncpg.Connection, principal: Principal, payment_id: uuid.UUID) -> ReissueRead:
    """A rejected payment goes back to payable once its account has been corrected; it then rides
    the next run like any other (the partial unique index still allows one paid item only)."""
    async with conn.transaction():
        payment = await payment_repository.get(conn, payment_id, for_update=True)
        if payment is None:
            raise PAYMENT_NOT_FOUND
        rejected = await repository.last_rejected_item(conn, payment_id)
        if rejected is None:
            raise Conflict("payment_not_rejected", "该支付未被银行退票, 无需重发", "payment_id")
        if payment["status"] == "cancelled":
            # R-STOP-1: the claim was stopped before this month; nothing is due for it.
            raise Conflict("payment_cancelled", f"该支付已取消 ({payment['cancelled_reason']}), 不能重发", "payment_id")
        if payment["status"] != "rejected":
            return ReissueRead(payment_id=payment_id, status=payment["status"])  # already re-issued
        account = await account_repository.current(conn, rejected["claim_id"], rejected["holder"])
        if account is None or account["id"] == rejected["bank_account_id"]:
            raise Conflict("account_not_corrected", "退票账户尚未更正, 请先更正银行账户再重发", "payment_id")
        await repository.reissue(conn, payment_id, account["id"] if rejected["holder"] != "claimant" else None)
    return ReissueRead(payment_id=payment_id, status="payable")
