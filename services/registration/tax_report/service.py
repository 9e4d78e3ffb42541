"""Monthly report to the tax authority (seed ch. 2: where the tax authority collects contributions,
the agency reports each month's registrations, changes and deregistrations).

One CSV per month (UTF-8 with a BOM so spreadsheet software shows the Chinese headers), produced
on demand and stored by the monthly Temporal Schedule (workflows/schedules.py).
Employers' personal items (legal representative, bank account) are masked in it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from contracts.calendar import YearMonth, calendar_month
from services.registration.audit import service as audit
from services.registration.tax_report import repository
from services.registration.tax_report.schemas import TaxReportRead
from shared.auth import Principal
from shared.csvfile import spreadsheet_csv
from shared.errors import InvalidInput, NotFound
from shared.ids import mask_id_number, mask_name
from shared.inputs import parse_month

HEADERS = ["业务类别", "统一社会信用代码", "单位名称", "行政区划代码", "办理日期", "变更事项", "变更前", "变更后",
           "登记证编号", "备注"]
KIND = {"registration": "参保登记", "change": "变更登记", "deregistration": "注销登记"}
ITEM_NAMES = {
    "name": "单位名称", "address": "住所或地址", "legal_representative": "法定代表人或负责人",
    "unit_type": "单位类型", "organisation_code": "组织机构统一代码", "supervising_department": "主管部门",
    "affiliation": "隶属关系", "bank_account": "开户银行账号", "other": "其他事项",
}
DEREGISTRATION_REASONS = {
    "dissolved": "解散", "bankrupt": "破产", "revoked": "撤销", "merged": "合并",
    "other_termination": "依法终止缴费义务的其他情形", "licence_cancelled": "营业执照注销或被吊销",
    "relocated": "改变登记机构", "other_legal_grounds": "法律法规规定的其他情形",
}


def _month_bounds(month: str) -> tuple[dt.date, dt.date]:
    try:
        start = parse_month(month)
    except ValueError as exc:
        code, _, message = str(exc).partition(": ")
        raise InvalidInput(code, message, "month") from None
    return start, YearMonth.of(start).plus(1).first_day


def _value(item: str, value: Any) -> str:
    if value is None:
        return ""
    if item == "bank_account":
        return f"{value['bank_name']} {mask_id_number(value['bank_account'])}"
    if item == "legal_representative":
        return mask_name(value)
    return str(value)


async def build_csv(conn: asyncpg.Connection, month: str) -> tuple[str, int]:
    start, end = _month_bounds(month)
    rows: list[list[str]] = []
    for r in await repository.registrations(conn, start, end):
        note = "在原登记证上标注失业保险" if r["certificate_kind"] == "annotated" else "首次发证"
        rows.append([KIND["registration"], r["uscc"], r["name"], r["district"], r["day"].isoformat(),
                     "", "", "", r["certificate_number"] or "", note])
    for r in await repository.changes(conn, start, end):
        item = ITEM_NAMES[r["item"]] + (f"({r['other_item']})" if r["other_item"] else "")
        rows.append([KIND["change"], r["uscc"], r["name"], r["district"], r["day"].isoformat(), item,
                     _value(r["item"], r["old_value"]), _value(r["item"], r["new_value"]), "",
                     f"变更生效日期 {r['effective_on'].isoformat()}"])
    for r in await repository.deregistrations(conn, start, end):
        rows.append([KIND["deregistration"], r["uscc"], r["name"], r["district"], r["day"].isoformat(),
                     "", "", "", "", DEREGISTRATION_REASONS.get(r["deregistration_reason"], r["deregistration_reason"])])
    # Names and values come from employers' forms: no cell may run as a formula (issue 9).
    return spreadsheet_csv(HEADERS, rows), len(rows)


def _to_read(row: asyncpg.Record, *, with_csv: bool) -> TaxReportRead:
    return TaxReportRead(
        id=row["id"],
        month=calendar_month(row["month"]),
        row_count=row["row_count"],
        generated_by=row["generated_by"],
        generated_at=row["generated_at"],
        csv=row["csv"] if with_csv else None,
    )


async def produce(
    conn: asyncpg.Connection, principal: Principal, month: str, *, today: dt.date
) -> tuple[TaxReportRead, bool]:
    """Store the month's report once (the schedule may run twice): (report, created)."""
    start, end = _month_bounds(month)
    if end > (today):
        raise InvalidInput("month_not_finished", "只能报送已结束月份的登记情况", "month")
    async with conn.transaction():
        existing = await repository.get_report(conn, start)
        if existing is not None:
            return _to_read(existing, with_csv=False), False
        content, count = await build_csv(conn, month)
        created = await repository.insert_report(
            conn, month=start, row_count=count, csv=content, generated_by=principal.subject
        )
        row = await repository.get_report(conn, start)
        if created:
            await audit.record(
                conn, principal, entity_type="tax_report", entity_id=month, action="produced",
                after={"month": month, "row_count": count},
            )
    return _to_read(row, with_csv=False), created


async def get_stored(conn: asyncpg.Connection, month: str) -> TaxReportRead:
    start, _ = _month_bounds(month)
    row = await repository.get_report(conn, start)
    if row is None:
        raise NotFound("tax_report_not_found", "该月份的报送记录不存在", "month")
    return _to_read(row, with_csv=True)


async def list_stored(conn: asyncpg.Connection, limit: int, offset: int) -> list[TaxReportRead]:
    return [_to_read(r, with_csv=False) for r in await repository.list_reports(conn, limit, offset)]
