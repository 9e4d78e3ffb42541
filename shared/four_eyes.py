"""Four-eyes control (R-CTRL-1, 社会保险经办机构内部控制暂行办法: 经办 → 复核 → 审批): a decision
that pays or takes away money is prepared by one person and carried out only when another, with
the kind's role, approves it. One building block for every service and every such decision.

- ``required(conn, kind, district, on)``: the province's ``four_eyes_decisions`` policy row in
  force (area chain, effective-dated); with none, every listed kind (``DEFAULT_DECISIONS``).
- ``prepare(...)``: records the prepared request (``decision_approvals``; one open per kind and
  subject), nothing else changes. Given the service's registry and context, the decision is first
  tried (``try_out``: carried out in a savepoint that is rolled back), so the preparer gets at once
  the refusal (4xx) the approval would give.
- ``approve(...)``: another person with the kind's role; the kind's ``carry_out`` runs the
  existing decision with the stored payload, as the preparer (who stays the decision's author),
  inside the approving transaction, so the decision and the approval commit together.
- ``reject(...)`` (another person, with a reason) and ``withdraw(...)`` (the preparer).

The approval row is the audit record: both names, roles and times; the database lets it change
only from prepared to approved, rejected or withdrawn. Payloads may hold bank details (a bank
account change): they are never logged, and each kind presents them masked.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from shared import four_eyes_repository as repository
from shared.auth import Principal, Role
from shared.clock import Moment
from shared.errors import Conflict, Forbidden, NotFound
from shared.four_eyes_schemas import (
    DEFAULT_DECISIONS,
    ApprovalRead,
    ApprovalStatus,
    DecisionKind,
    FourEyesPolicyCreate,
    FourEyesPolicyRead,
)
from shared.results import Written

log = logging.getLogger(__name__)

APPROVAL_NOT_FOUND = NotFound("approval_not_found", "未找到该待复核事项", "approval_id")


@dataclass(frozen=True)
class Prepared:
    """What a kind's ``carry_out`` gets: the stored request and who prepared it."""

    id: uuid.UUID
    kind: DecisionKind
    subject_id: str
    payload: dict[str, Any]
    district: str
    preparer: Principal


# (connection, the prepared request, the service's request context) → the decision's answer.
CarryOut = Callable[[asyncpg.Connection, Prepared, Any], Awaitable[dict[str, Any]]]


def _as_is(payload: dict[str, Any]) -> dict[str, Any]:
    return payload


@dataclass(frozen=True)
class Kind:
    name: DecisionKind
    # Who may approve (复核) it; never the preparer.
    approver_roles: frozenset[Role]
    carry_out: CarryOut
    # The payload as answered and shown (bank details masked).
    present: Callable[[dict[str, Any]], dict[str, Any]] = field(default=_as_is)


class Registry:
    """A service's kinds: kind → the approving role and the function that carries it out."""

    def __init__(self, kinds: Iterable[Kind]) -> None:
        self._kinds = {k.name: k for k in kinds}

    def __getitem__(self, name: DecisionKind | str) -> Kind:
        return self._kinds[DecisionKind(name)]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def names(self) -> list[DecisionKind]:
        return list(self._kinds)


def to_read(registry: Registry, row: asyncpg.Record, result: dict[str, Any] | None = None) -> ApprovalRead:
    values = dict(row)
    kind = registry[row["kind"]] if row["kind"] in registry else None
    values["payload"] = kind.present(row["payload"]) if kind else {}
    return ApprovalRead(**values, result=result)


def _preparer(subject: str, role: Role | str, district: str) -> Principal:
    """Who the carry-out acts as: the preparer, seeing the approval's district (the same at the
    trial and at the approval)."""
    return Principal(subject, Role(role), district)


class _TrialOver(Exception):
    """Rolls the trial's savepoint back once the decision went through."""


async def try_out(
    conn: asyncpg.Connection,
    registry: Registry,
    context: Any,
    *,
    kind: DecisionKind,
    subject_id: str,
    payload: dict[str, Any],
    district: str,
    principal: Principal,
) -> None:
    """R-CTRL-1: carry the decision out as the approval would, inside a savepoint (a nested
    transaction) rolled back at the end: the decision's own refusal (not eligible, a fine out of
    range, …) is raised now, to the preparer, and nothing is kept (a NOTIFY of the rolled-back
    savepoint is discarded too). Nothing is prepared that the approval could only refuse; what
    changes between now and the approval is checked again then."""
    trial = Prepared(
        id=uuid.uuid4(), kind=kind, subject_id=subject_id, payload=payload, district=district,
        preparer=_preparer(principal.subject, principal.role, district),
    )
    try:
        async with conn.transaction():
            await registry[kind].carry_out(conn, trial, context)
            raise _TrialOver
    except _TrialOver:
        pass


async def required(conn: asyncpg.Connection, kind: DecisionKind, district: str, on: dt.date) -> bool:
    """Whether ``kind`` needs a second person in ``district`` on ``on`` (R-CTRL-1)."""
    row = await repository.policy_in_force(conn, district, on)
    decisions = DEFAULT_DECISIONS if row is None else frozenset(DecisionKind(k) for k in row["decisions"])
    return kind in decisions


async def prepare(
    conn: asyncpg.Connection,
    *,
    kind: DecisionKind,
    subject_id: str,
    payload: dict[str, Any],
    district: str,
    principal: Principal,
    now: Moment,
    reason: str | None = None,
    registry: Registry | None = None,
    context: Any = None,
) -> Written[asyncpg.Record]:
    """Record the prepared request (in the caller's transaction). The same person preparing the
    same request again finds it (a retry); anything else while one is open is refused. With a
    ``registry`` (and the carry-out's ``context``), the decision is tried first (``try_out``)."""
    if registry is not None:
        await try_out(
            conn, registry, context, kind=kind, subject_id=subject_id, payload=payload,
            district=district, principal=principal,
        )
    row = await repository.insert_prepared(
        conn,
        kind=kind.value,
        subject_id=subject_id,
        payload=payload,
        district=district,
        prepared_by=principal.subject,
        prepared_role=principal.role.value,
        prepared_at=now.instant,
        reason=reason,
    )
    if row is not None:
        log.info("four-eyes prepared: %s %s (approval %s)", kind.value, subject_id, row["id"])
        return Written(row, created=True)
    existing = await repository.open_for(conn, kind.value, subject_id)
    if existing is not None and existing["prepared_by"] == principal.subject and existing["payload"] == payload:
        return Written(existing, created=False)
    raise Conflict("approval_pending", "该事项已有待复核的决定, 请先复核或撤回后再提交", "approval_id")


async def approved_for(conn: asyncpg.Connection, kind: DecisionKind, subject_id: str) -> asyncpg.Record | None:
    """The latest approved approval of ``kind`` for the subject: for a decision whose carry-out
    grants a permission the request then uses (a USCC override: the registration itself holds
    names and ID numbers, which a payload never does)."""
    return await repository.latest_approved(conn, kind.value, subject_id)


async def get_visible(
    conn: asyncpg.Connection, principal: Principal, approval_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await repository.get(conn, approval_id, for_update=for_update)
    if row is None or not principal.sees_district(row["district"]):
        raise APPROVAL_NOT_FOUND
    return row


def _check_open(row: asyncpg.Record) -> None:
    if row["status"] != ApprovalStatus.PREPARED.value:
        raise Conflict("approval_already_decided", "该待复核事项已处理", "approval_id")


def _check_second_person(registry: Registry, row: asyncpg.Record, principal: Principal) -> Any:
    """R-CTRL-1: another person, with the kind's role."""
    kind = registry[row["kind"]]
    if principal.subject == row["prepared_by"]:
        raise Forbidden("four_eyes_same_person", "四眼复核: 复核人不能与经办人为同一人")
    if principal.role not in kind.approver_roles:
        raise Forbidden("four_eyes_wrong_role", "四眼复核: 当前角色无权复核此类决定")
    return kind


async def approve(
    conn: asyncpg.Connection,
    registry: Registry,
    approval_id: uuid.UUID,
    principal: Principal,
    now: Moment,
    context: Any,
    reason: str | None = None,
) -> ApprovalRead:
    """Another person approves: the decision is carried out with the stored payload, as its
    preparer, and commits with the approval; a refusal of the decision leaves it prepared."""
    async with conn.transaction():
        row = await get_visible(conn, principal, approval_id, for_update=True)
        _check_open(row)
        kind = _check_second_person(registry, row, principal)
        prepared = Prepared(
            id=row["id"],
            kind=DecisionKind(row["kind"]),
            subject_id=row["subject_id"],
            payload=row["payload"],
            district=row["district"],
            preparer=_preparer(row["prepared_by"], row["prepared_role"], row["district"]),
        )
        result = await kind.carry_out(conn, prepared, context)
        updated = await _decide(conn, row, ApprovalStatus.APPROVED, principal, now, reason)
    return to_read(registry, updated, result)


async def reject(
    conn: asyncpg.Connection,
    registry: Registry,
    approval_id: uuid.UUID,
    principal: Principal,
    now: Moment,
    reason: str,
) -> ApprovalRead:
    """Another person with the kind's role sends it back, with a reason; nothing is carried out."""
    async with conn.transaction():
        row = await get_visible(conn, principal, approval_id, for_update=True)
        _check_open(row)
        _check_second_person(registry, row, principal)
        updated = await _decide(conn, row, ApprovalStatus.REJECTED, principal, now, reason)
    return to_read(registry, updated)


async def withdraw(
    conn: asyncpg.Connection,
    registry: Registry,
    approval_id: uuid.UUID,
    principal: Principal,
    now: Moment,
    reason: str | None = None,
) -> ApprovalRead:
    """The preparer takes it back (e.g. to prepare a corrected request)."""
    async with conn.transaction():
        row = await get_visible(conn, principal, approval_id, for_update=True)
        _check_open(row)
        if principal.subject != row["prepared_by"]:
            raise Forbidden("approval_not_preparer", "只有经办人本人可以撤回待复核事项")
        updated = await _decide(conn, row, ApprovalStatus.WITHDRAWN, principal, now, reason)
    return to_read(registry, updated)


async def _decide(
    conn: asyncpg.Connection,
    row: asyncpg.Record,
    status: ApprovalStatus,
    principal: Principal,
    now: Moment,
    reason: str | None,
) -> asyncpg.Record:
    updated = await repository.decide(
        conn,
        row["id"],
        status=status.value,
        decided_by=principal.subject,
        decided_role=principal.role.value,
        decided_at=now.instant,
        decision_reason=reason,
    )
    log.info("four-eyes %s: %s %s (approval %s)", status.value, row["kind"], row["subject_id"], row["id"])
    return updated


async def list_visible(
    conn: asyncpg.Connection,
    registry: Registry,
    principal: Principal,
    *,
    status: ApprovalStatus | None,
    kind: DecisionKind | None,
    not_mine: bool = False,
    subject_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ApprovalRead]:
    """The worklist, district-scoped as the other lists (a service point sees its own district);
    ``not_mine``: what the signed-in person may check (not prepared by them)."""
    rows = await repository.list_approvals(
        conn,
        district=principal.district if principal.role is Role.SERVICE_POINT else None,
        status=status.value if status else None,
        kind=kind.value if kind else None,
        not_prepared_by=principal.subject if not_mine else None,
        subject_id=subject_id,
        limit=limit,
        offset=offset,
    )
    return [to_read(registry, r) for r in rows]


async def add_policy(
    conn: asyncpg.Connection, principal: Principal, data: FourEyesPolicyCreate
) -> Written[FourEyesPolicyRead]:
    """A province's ``four_eyes_decisions`` row; the same row again is a repeat, a different one
    for the same start a conflict (rows are effective-dated, never edited)."""
    decisions = [k.value for k in data.decisions]
    async with conn.transaction():
        row, created = await repository.insert_policy(
            conn,
            area_code=data.area_code,
            effective_from=data.effective_from,
            effective_to=data.effective_to,
            decisions=decisions,
            source=data.source,
            is_sample=data.is_sample,
            created_by=principal.subject,
        )
    read = FourEyesPolicyRead(**dict(row))
    if not created and (row["effective_to"], list(row["decisions"]), row["source"]) != (
        data.effective_to, decisions, data.source
    ):
        raise Conflict("policy_exists", "该地区该生效日期已有不同的四眼复核设置", "effective_from")
    return Written(read, created=created)


async def list_policies(conn: asyncpg.Connection, area_code: str | None) -> list[FourEyesPolicyRead]:
    return [FourEyesPolicyRead(**dict(r)) for r in await repository.list_policies(conn, area_code)]
