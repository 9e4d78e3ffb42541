"""Insured staff (参保人员): enrolment (R-REG-3) and separation (R-ELIG-2 codes, R-EMP-1 notice).

Each command owns its transaction and writes its audit entry in it.
"""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from services.registration.audit import service as audit
from services.registration.employers import access
from services.registration.employers.policy import RegistrationPolicy, policy_for
from services.registration.staff import repository
from services.registration.staff.schemas import (
    EmploymentRead,
    EnrolmentCreate,
    NoticeTimeliness,
    NoticeTimelinessFilter,
    SeparationCreate,
)
from services.registration.unemployment import repository as persons
from services.registration.unemployment.schemas import SeparationReason
from shared.auth import Principal, Role
from shared.errors import Conflict, InvalidInput, NotFound
from shared.ids import mask_id_number, mask_name, working_age_from
from shared.results import Written

_NOT_FOUND = NotFound("employment_not_found", "未找到该参保人员记录", "employment_id")


def to_read(row: asyncpg.Record) -> EmploymentRead:
    reason = row["separation_reason"]
    return EmploymentRead(
        id=row["id"],
        employer_id=row["employer_id"],
        person_id=row["person_id"],
        id_number_masked=mask_id_number(row["id_number"]),
        name_masked=mask_name(row["name"]),
        hired_on=row["hired_on"],
        enrolled_on=row["enrolled_on"],
        farmer_contract_worker=row["farmer_contract_worker"],
        late_enrolment=row["late_enrolment"],
        separated_on=row["separated_on"],
        separation_reason=reason,
        involuntary=None if reason is None else reason != SeparationReason.VOLUNTARY_RESIGNATION.value,
        separation_notified_on=row["separation_notified_on"],
        separation_notice_timeliness=row["separation_notice_timeliness"],
        created_at=row["created_at"],
    )


def snapshot(row: asyncpg.Record) -> dict:
    """Audit snapshot; personal data under the keys the audit reader masks."""
    return {
        "employer_id": row["employer_id"],
        "person_id": row["person_id"],
        "id_number": row["id_number"],
        "person_name": row["name"],
        "hired_on": row["hired_on"],
        "enrolled_on": row["enrolled_on"],
        "late_enrolment": row["late_enrolment"],
        "separated_on": row["separated_on"],
        "separation_reason": row["separation_reason"],
        "separation_notified_on": row["separation_notified_on"],
        "separation_notice_timeliness": row["separation_notice_timeliness"],
    }


def _check_working_age(id_number: str, hired_on: dt.date, field: str) -> None:
    if hired_on < working_age_from(id_number):
        raise InvalidInput(
            "hired_before_working_age", "入职日期早于公民身份号码所示出生日期满16周岁之日", field
        )


def is_late_enrolment(policy: RegistrationPolicy, hired_on: dt.date, enrolled_on: dt.date) -> bool:
    """R-REG-3: enrolled more than the policy's days (30) after hiring."""
    return (enrolled_on - hired_on).days > policy.enrolment_deadline_days


def notice_timeliness(
    policy: RegistrationPolicy, separated_on: dt.date, notified_on: dt.date
) -> NoticeTimeliness:
    """R-EMP-1: within 7 days (条例), within 15 (社保法 50), or late."""
    days = (notified_on - separated_on).days
    if days <= policy.separation_notice_days:
        return NoticeTimeliness.WITHIN_STATUTORY
    if days <= policy.separation_notice_max_days:
        return NoticeTimeliness.WITHIN_LEGAL_MAXIMUM
    return NoticeTimeliness.BEYOND_LEGAL_MAXIMUM


# R-EMP-1: which notice classes each filter lists; `late` is every notice that broke the 7-day rule.
_LISTED: dict[NoticeTimelinessFilter, tuple[NoticeTimeliness, ...]] = {
    NoticeTimelinessFilter.ON_TIME: (NoticeTimeliness.WITHIN_STATUTORY,),
    NoticeTimelinessFilter.LATE: (NoticeTimeliness.WITHIN_LEGAL_MAXIMUM, NoticeTimeliness.BEYOND_LEGAL_MAXIMUM),
    NoticeTimelinessFilter.BEYOND_LEGAL_MAXIMUM: (NoticeTimeliness.BEYOND_LEGAL_MAXIMUM,),
    NoticeTimelinessFilter.WITHIN_STATUTORY: (NoticeTimeliness.WITHIN_STATUTORY,),
    NoticeTimelinessFilter.WITHIN_LEGAL_MAXIMUM: (NoticeTimeliness.WITHIN_LEGAL_MAXIMUM,),
}


def listed_classes(timeliness: NoticeTimelinessFilter | None) -> list[str] | None:
    """The stored classes a filter selects; None lists every notice."""
    return None if timeliness is None else [c.value for c in _LISTED[timeliness]]


async def create_employment(
    conn: asyncpg.Connection,
    principal: Principal,
    employer: asyncpg.Record,
    *,
    id_number: str,
    name: str,
    hired_on: dt.date,
    enrolled_on: dt.date,
    farmer_contract_worker: bool,
    policy: RegistrationPolicy,
    field_prefix: str = "",
) -> Written[EmploymentRead]:
    """Insert one employment inside the caller's transaction (enrolment or approval of form 2-2)."""
    _check_working_age(id_number, hired_on, field_prefix + "hired_on")
    if enrolled_on < hired_on:
        raise InvalidInput("enrolled_before_hired", "参保登记日期不能早于入职日期", field_prefix + "enrolled_on")
    person_id = await persons.upsert_person(conn, id_number, name)
    employment_id = await repository.insert_employment(
        conn,
        employer_id=employer["id"],
        person_id=person_id,
        hired_on=hired_on,
        enrolled_on=enrolled_on,
        farmer_contract_worker=farmer_contract_worker,
        late_enrolment=is_late_enrolment(policy, hired_on, enrolled_on),
        created_by=principal.subject,
    )
    if employment_id is None:
        existing = await repository.find_same_hire(conn, employer["id"], person_id, hired_on)
        if existing is not None and existing["farmer_contract_worker"] == farmer_contract_worker:
            return Written(to_read(existing), created=False)
        raise Conflict(
            "employment_already_open", "该人员在本单位已有参保记录, 不能重复登记", field_prefix + "id_number"
        )
    row = await repository.get(conn, employment_id)
    await audit.record(
        conn, principal, entity_type="employment", entity_id=employment_id, action="enrolled",
        after=snapshot(row),
    )
    return Written(to_read(row), created=True)


async def enrol(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    data: EnrolmentCreate,
    *,
    today: dt.date,
) -> Written[EmploymentRead]:
    data.check_dates(today)
    enrolled_on = data.enrolled_on or today
    async with conn.transaction():
        employer = await access.visible_employer(conn, principal, employer_id, for_update=True)
        access.require_active(employer)
        # The parameters in force when the enrolment is made (R-REG-3 judges the enrolment).
        policy = await policy_for(conn, employer["district"], enrolled_on)
        return await create_employment(
            conn,
            principal,
            employer,
            id_number=data.id_number,
            name=data.name,
            hired_on=data.hired_on,
            enrolled_on=enrolled_on,
            farmer_contract_worker=data.farmer_contract_worker,
            policy=policy,
        )


async def _visible(
    conn: asyncpg.Connection, principal: Principal, employment_id: uuid.UUID, *, for_update: bool = False
) -> asyncpg.Record:
    row = await (repository.get_for_update if for_update else repository.get)(conn, employment_id)
    if row is None or not principal.sees_district(row["district"]):
        raise _NOT_FOUND
    return row


async def separate(
    conn: asyncpg.Connection,
    principal: Principal,
    employment_id: uuid.UUID,
    data: SeparationCreate,
    *,
    today: dt.date,
) -> tuple[EmploymentRead, bool]:
    """Record the separation; (record, changed). The same separation repeated changes nothing."""
    data.check_dates(today)
    notified_on = data.notified_on or today
    async with conn.transaction():
        row = await _visible(conn, principal, employment_id, for_update=True)
        if row["separated_on"] is not None:
            if row["separated_on"] == data.separated_on and row["separation_reason"] == data.reason.value:
                return to_read(row), False
            raise Conflict("employment_already_separated", "该人员已办理减员, 不能再次办理", "separated_on")
        if row["employer_status"] == "deregistered":
            raise Conflict("employer_sealed", "该单位已注销登记, 参保信息已封存, 不能办理此业务", "employment_id")
        if data.separated_on < row["hired_on"]:
            raise InvalidInput("separated_before_hired", "劳动关系终止日期不能早于入职日期", "separated_on")
        if notified_on < data.separated_on:
            raise InvalidInput("notified_before_separation", "减员报送日期不能早于劳动关系终止日期", "notified_on")
        # The parameters in force when the employer filed the notice (R-EMP-1 judges the filing).
        policy = await policy_for(conn, row["district"], notified_on)
        timeliness = notice_timeliness(policy, data.separated_on, notified_on)
        await repository.record_separation(
            conn,
            employment_id,
            separated_on=data.separated_on,
            reason=data.reason.value,
            notified_on=notified_on,
            timeliness=timeliness.value,
        )
        after = await repository.get(conn, employment_id)
        await audit.record(
            conn, principal, entity_type="employment", entity_id=employment_id, action="separated",
            before=snapshot(row), after=snapshot(after),
        )
    return to_read(after), True


async def get_employment(
    conn: asyncpg.Connection, principal: Principal, employment_id: uuid.UUID
) -> EmploymentRead:
    return to_read(await _visible(conn, principal, employment_id))


async def list_employments(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    *,
    open_only: bool,
    limit: int,
    offset: int,
) -> list[EmploymentRead]:
    await access.visible_employer(conn, principal, employer_id)
    rows = await repository.list_for_employer(
        conn, employer_id, open_only=open_only, limit=limit, offset=offset
    )
    return [to_read(r) for r in rows]



async def list_separations(
    conn: asyncpg.Connection,
    principal: Principal,
    *,
    timeliness: NoticeTimelinessFilter | None,
    since: dt.date,
    until: dt.date,
    limit: int,
    offset: int,
) -> list[EmploymentRead]:
    """Separation notices filed in a period, e.g. the late ones (R-EMP-1), for follow-up."""
    if until < since:
        raise InvalidInput("invalid_period", "结束日期不能早于开始日期", "until")
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.separations(
        conn, district=district, timeliness=listed_classes(timeliness),
        since=since, until=until, limit=limit, offset=offset,
    )
    return [to_read(r) for r in rows]
