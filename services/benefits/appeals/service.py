"""Appeals against written decisions (R-APPEAL-1): 行政复议 and 行政诉讼, recorded when the agency
receives the application copy, with its reply-and-evidence deadline (10 days), a worklist that
escalates the close ones, and the lodging window (R-NOTICE-1). The outcome and its carry-out are
in ``appeals/outcome.py``. Owns each transaction."""

from __future__ import annotations

import uuid

import asyncpg

from contracts.appeals import APPEAL_LODGED, AppealLodged, lodging_deadline, reply_due_on
from contracts.journey import claimant_journey_id
from services.benefits.appeals import repository
from services.benefits.appeals.schemas import AppealCreate, AppealRead, AppealStatus, ReplyFiled, RevokedStopRead
from services.benefits.claims.service import get_visible
from services.benefits.notices import repository as notices_repository
from shared.auth import Principal, Role
from shared.clock import Moment, china_date
from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.outbox import SignalWorkflow, enqueue
from shared.results import Written
from shared.validation import not_after

APPEAL_NOT_FOUND = NotFound("appeal_not_found", "未找到该复议或诉讼记录", "appeal_id")
NOTICE_NOT_FOUND = NotFound("decision_notice_not_found", "未找到该决定书", "notice_id")
# SAMPLE threshold (DOMAIN.md sets none): a reply due within 3 days, or overdue, is escalated.
ESCALATE_DAYS_LEFT = 3
KIND_LABELS = {"reconsideration": "行政复议", "litigation": "行政诉讼"}


def to_read(row: asyncpg.Record, now: Moment) -> AppealRead:
    waiting = row["outcome"] is None and row["reply_filed_on"] is None
    days_left = (row["reply_due_on"] - now.today).days if waiting else None
    return AppealRead(
        **{k: row[k] for k in AppealRead.model_fields if k in row.keys()},
        status=AppealStatus.OPEN if row["outcome"] is None else AppealStatus.DECIDED,
        days_left=days_left,
        escalated=days_left is not None and days_left <= ESCALATE_DAYS_LEFT,
    )


async def visible(conn: asyncpg.Connection, principal: Principal, appeal_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record:
    """An appeal on a claim of another district is not there for a service point (as the claim)."""
    row = await repository.get(conn, appeal_id, for_update=for_update)
    if row is None or not principal.sees_district(row["district"]):
        raise APPEAL_NOT_FOUND
    return row


async def record(conn: asyncpg.Connection, principal: Principal, data: AppealCreate, now: Moment) -> Written[AppealRead]:
    """Once per body's case: the same again is answered as recorded, a different one refused."""
    _check_dates(data, now)
    async with conn.transaction():
        notice = await notices_repository.get_decision_notice(conn, data.notice_id)
        if notice is None:
            raise NOTICE_NOT_FOUND
        try:
            claim = await get_visible(conn, principal, notice["claim_id"], for_update=True)
        except DomainError:
            raise NOTICE_NOT_FOUND from None
        existing = await repository.get_by_case(conn, data.body, data.case_number)
        if existing is not None:
            return Written(_repeated(existing, data, now), created=False)
        _check_window(notice, data)
        if await repository.open_for_notice(conn, data.notice_id) is not None:
            raise Conflict("appeal_already_open", "该决定书已有尚未结案的复议或诉讼", "notice_id")
        appeal_id = uuid.uuid4()
        await repository.insert(
            conn, appeal_id=appeal_id, notice_id=data.notice_id, claim_id=claim["id"], person_id=claim["person_id"],
            kind=data.kind.value, lodged_on=data.lodged_on, received_on=data.received_on,
            reply_due_on=reply_due_on(data.received_on), body=data.body, case_number=data.case_number,
            recorded_by=principal.subject,
        )
        outbox_id = await enqueue(conn, SignalWorkflow(
            workflow_id=claimant_journey_id(claim["registration_id"]),
            signal=APPEAL_LODGED,
            payload=AppealLodged(str(appeal_id), str(claim["id"]), str(notice["id"]), notice["kind"],
                                 data.kind.value, data.lodged_on),
            event_key=str(appeal_id),
        ))
        row = await repository.get(conn, appeal_id)
    return Written(to_read(row, now), created=True, outbox_ids=[outbox_id])


def _check_dates(data: AppealCreate, now: Moment) -> None:
    not_after(data.received_on, now.today, code="received_in_future", message="收到日期不能晚于今天", field="received_on")
    if data.lodged_on > data.received_on:
        raise InvalidInput("lodged_after_received", "申请或起诉日期不能晚于收到申请书副本的日期", "lodged_on")


def _check_window(notice: asyncpg.Record, data: AppealCreate) -> None:
    """R-APPEAL-1 / R-NOTICE-1: 60 days (复议) or 6 months (诉讼) from delivery; one year when the
    notice lacked the appeal rights, or from the decision date while no delivery is recorded."""
    decided_on = china_date(notice["issued_at"])
    if data.lodged_on < decided_on:
        raise InvalidInput("lodged_before_decision", "申请或起诉日期不能早于决定书的作出日期", "lodged_on")
    deadline = lodging_deadline(
        data.kind.value, decided_on=decided_on, delivered_on=notice["delivered_on"],
        appeal_rights_included=notice["appeal_rights_included"],
    )
    if data.lodged_on > deadline:
        raise Conflict(
            "appeal_window_passed",
            f"{KIND_LABELS[data.kind.value]}期限已于{deadline.isoformat()}届满, 不能登记",
            "lodged_on",
            details={"deadline": deadline.isoformat()},
        )


def _repeated(row: asyncpg.Record, data: AppealCreate, now: Moment) -> AppealRead:
    same = (row["notice_id"], row["kind"], row["lodged_on"], row["received_on"]) == (
        data.notice_id, data.kind.value, data.lodged_on, data.received_on
    )
    if not same:
        raise Conflict("appeal_case_exists", "该机关的此案号已登记为另一复议或诉讼", "case_number")
    return to_read(row, now)


async def list_appeals(
    conn: asyncpg.Connection,
    principal: Principal,
    *,
    status: AppealStatus | None,
    claim_id: uuid.UUID | None,
    limit: int,
    offset: int,
    now: Moment,
) -> list[AppealRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    open_only = None if status is None else status is AppealStatus.OPEN
    rows = await repository.list_appeals(
        conn, district=district, open_only=open_only, claim_id=claim_id, limit=limit, offset=offset
    )
    return [to_read(r, now) for r in rows]


async def file_reply(
    conn: asyncpg.Connection, principal: Principal, appeal_id: uuid.UUID, data: ReplyFiled, now: Moment
) -> AppealRead:
    """R-APPEAL-1: the agency's written reply and evidence filed; once (the same date again: the
    same answer)."""
    not_after(data.filed_on, now.today, code="filed_in_future", message="提交日期不能晚于今天", field="filed_on")
    async with conn.transaction():
        row = await visible(conn, principal, appeal_id, for_update=True)
        if row["reply_filed_on"] is not None:
            if row["reply_filed_on"] != data.filed_on:
                raise Conflict("reply_already_filed", "该案已登记提交答复, 不能更改", "filed_on")
            return to_read(row, now)
        if data.filed_on < row["received_on"]:
            raise InvalidInput("filed_before_received", "提交答复日期不能早于收到申请书副本的日期", "filed_on")
        await repository.record_reply(conn, appeal_id, data.filed_on, principal.subject)
        row = await repository.get(conn, appeal_id)
    return to_read(row, now)


async def list_revoked_stops(
    conn: asyncpg.Connection, principal: Principal, *, open_only: bool, limit: int, offset: int
) -> list[RevokedStopRead]:
    """R-APPEAL-1 with R-STOP-1: the stops revoked, oldest first, each until the person's new claim."""
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_revoked_stops(conn, district=district, open_only=open_only, limit=limit, offset=offset)
    return [
        RevokedStopRead(**dict(r), months_left=max(r["entitlement_months"] - r["months_drawn"], 0)) for r in rows
    ]
