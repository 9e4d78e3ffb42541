"""Unemployment registration rules (R-UREG-1). Owns the transaction; raises domain errors."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from contracts.journey import (
    JOURNEY,
    REGISTRATION_ENDED,
    SA_DISTRICT,
    SA_JOURNEY_STAGE,
    ClaimantJourneyInput,
    RegistrationEnded,
    Stage,
    claimant_journey_id,
)
from services.registration.audit.service import record as audit
from services.registration.unemployment import repository
from services.registration.unemployment.schemas import (
    MANUAL_END_REASONS,
    RegistrationBasis,
    RegistrationEndCreate,
    UnemploymentRegistrationCreate,
    UnemploymentRegistrationRead,
)
from shared.auth import Principal, Role
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.ids import mask_id_number, mask_name
from shared.outbox import OutboxRelay, SignalWorkflow, StartWorkflow, enqueue
from shared.results import Written
from shared.validation import not_after

# A hire may be recorded up to a month ahead, and the spell then ends on the hire date.
HIRE_RECORDED_AHEAD_DAYS = 31

_NOT_FOUND = NotFound("registration_not_found", "未找到该失业登记记录", "registration_id")


def _district_forbidden() -> Forbidden:
    return Forbidden("district_forbidden", "服务网点只能为本辖区人员办理失业登记")


class _HeldElsewhere(Exception):
    """The person's current or later-ended spell belongs to a district the caller does not see."""


def to_read(row: asyncpg.Record) -> UnemploymentRegistrationRead:
    return UnemploymentRegistrationRead(
        id=row["id"],
        person_id=row["person_id"],
        id_number_masked=mask_id_number(row["id_number"]),
        name_masked=mask_name(row["name"]),
        district=row["district"],
        basis=row["basis"],
        residence_category=row["residence_category"],
        separation_date=row["separation_date"],
        separation_reason=row["separation_reason"],
        registration_date=row["registration_date"],
        status=row["status"],
        ended_on=row["ended_on"],
        end_reason=row["end_reason"],
        end_evidence_ref=row["end_evidence_ref"],
        journey_workflow_id=row["journey_workflow_id"],
        created_at=row["created_at"],
        separation_source=row["separation_source"],
        employment_id=row["employment_id"],
        employer_id=row["employer_id"],
        record_separation_date=row["record_separation_date"],
        record_separation_reason=row["record_separation_reason"],
        separation_matches_record=(
            None
            if row["employment_id"] is None
            else row["record_separation_date"] == row["separation_date"]
            and row["record_separation_reason"] == row["separation_reason"]
        ),
        employed_per_records=row["employed_per_records"],
    )


def _same_request(row: asyncpg.Record, data: UnemploymentRegistrationCreate, district: str) -> bool:
    reason = data.separation_reason.value if data.separation_reason else None
    category = data.residence_category.value if data.residence_category else None
    return (
        row["district"] == district
        and (row["basis"], row["residence_category"]) == (data.basis.value, category)
        and row["separation_date"] == data.separation_date
        and row["separation_reason"] == reason
        and (data.registration_date is None or row["registration_date"] == data.registration_date)
        and (data.employment_id is None or row["employment_id"] == data.employment_id)
    )


async def _separated_employment(
    conn: asyncpg.Connection, person_id: uuid.UUID, data: UnemploymentRegistrationCreate
) -> uuid.UUID | None:
    """The employment this registration follows: the one named, or the one that ended on the
    stated date. None when the agency holds no such employment (the statement stands alone) or
    the person registers without an insured separation."""
    if data.basis is RegistrationBasis.RESIDENCE:
        return None
    if data.employment_id is None:
        found = await repository.find_separation(conn, person_id, data.separation_date)
        return None if found is None else found["id"]
    employment = await repository.get_employment(conn, data.employment_id)
    if employment is None or employment["person_id"] != person_id:
        raise InvalidInput("employment_mismatch", "该参保关系不属于此人员", "employment_id")
    if employment["separated_on"] is None:
        raise InvalidInput(
            "employment_not_separated", "该参保关系尚未办理减员, 劳动关系未终止", "employment_id"
        )
    return employment["id"]


async def register(
    conn: asyncpg.Connection,
    principal: Principal,
    data: UnemploymentRegistrationCreate,
    relay: OutboxRelay,
    *,
    today: dt.date,
) -> Written[UnemploymentRegistrationRead]:
    """Record 失业登记 and start the person's journey; repeating the request changes nothing."""
    data.check_dates(today)
    district = data.district or principal.district
    if district is None:
        raise Forbidden("district_required", "请填写行政区划代码 (district)")
    if principal.role is Role.SERVICE_POINT and district != principal.district:
        raise _district_forbidden()
    try:
        return await _register(conn, principal, data, relay, district=district, today=today)
    except _HeldElsewhere as held:
        # No existence oracle (issue 9): another district's 失业登记 is refused exactly as a person
        # of another district is, with no date or district. The attempt is recorded for the agency.
        await audit(
            conn, principal, entity_type="person", entity_id=held.args[0],
            action="registration_refused_other_district", after={"district": district},
        )
        raise _district_forbidden() from None


# What the audit trail keeps of a registration: internal IDs, dates and codes.
_AUDITED = (
    "person_id", "district", "basis", "residence_category", "separation_date", "separation_reason",
    "registration_date", "employment_id", "separation_source",
)


async def _register(
    conn: asyncpg.Connection,
    principal: Principal,
    data: UnemploymentRegistrationCreate,
    relay: OutboxRelay,
    *,
    district: str,
    today: dt.date,
) -> Written[UnemploymentRegistrationRead]:
    registration_date = data.registration_date or today
    registration_id = uuid.uuid4()
    workflow_id = claimant_journey_id(registration_id)

    async with conn.transaction():
        person_id = await repository.upsert_person(conn, data.id_number, data.name)
        employment_id = await _separated_employment(conn, person_id, data)
        inserted = await repository.insert_registration(
            conn,
            registration_id=registration_id,
            person_id=person_id,
            district=district,
            basis=data.basis.value,
            residence_category=data.residence_category.value if data.residence_category else None,
            separation_date=data.separation_date,
            separation_reason=data.separation_reason.value if data.separation_reason else None,
            registration_date=registration_date,
            journey_workflow_id=workflow_id,
            created_by=principal.subject,
            employment_id=employment_id,
        )
        if not inserted:
            return await _open_registration(conn, principal, data, person_id, district)
        await _after_the_previous_spell(conn, principal, person_id, registration_date)
        journey = _journey_start(data, registration_id, workflow_id, district, registration_date)
        outbox_id = await enqueue(conn, journey)
        row = await repository.get(conn, registration_id)
        await audit(
            conn,
            principal,
            entity_type="unemployment_registration",
            entity_id=registration_id,
            action="register",
            # Internal IDs, dates and codes: the ID number and name stay in persons.
            after={k: row[k] for k in _AUDITED},
        )
    await relay.dispatch([outbox_id])
    return Written(to_read(row), created=True)


async def _open_registration(
    conn: asyncpg.Connection,
    principal: Principal,
    data: UnemploymentRegistrationCreate,
    person_id: uuid.UUID,
    district: str,
) -> Written[UnemploymentRegistrationRead]:
    """The person's open 失业登记: this request repeated (200), else a conflict; another
    district's is refused without saying so (``_HeldElsewhere``)."""
    existing = await repository.get_open_for_person(conn, person_id)
    assert existing is not None
    if not principal.sees_district(existing["district"]):
        raise _HeldElsewhere(person_id)
    if not _same_request(existing, data, district):
        raise Conflict(
            "registration_already_open",
            "该人员已有未结束的失业登记, 不能重复登记",
            "id_number",
        )
    return Written(to_read(existing), created=False)


def _journey_start(
    data: UnemploymentRegistrationCreate,
    registration_id: uuid.UUID,
    workflow_id: str,
    district: str,
    registration_date: dt.date,
) -> StartWorkflow:
    """Journey input: internal IDs, the district and a date; no personal data. A residence
    registration goes to employment services only (R-SPELL-1)."""
    return StartWorkflow(
        workflow=JOURNEY,
        workflow_id=workflow_id,
        input=ClaimantJourneyInput(
            registration_id=str(registration_id),
            district=district,
            registration_date=registration_date,
            insured_separation=data.basis is RegistrationBasis.INSURED_SEPARATION,
        ),
        keyword_search_attributes={
            SA_DISTRICT: district,
            SA_JOURNEY_STAGE: Stage.REGISTERED.value,
        },
    )


async def _after_the_previous_spell(
    conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID, registered_on: dt.date
) -> None:
    """R-SPELL-1: a new spell begins once the previous one has ended, not before."""
    last = await repository.last_ended(conn, person_id)
    if last is not None and registered_on < last["ended_on"]:
        if not principal.sees_district(last["district"]):
            raise _HeldElsewhere(person_id)
        ended_on = last["ended_on"]
        raise Conflict(
            "registration_before_previous_spell_end",
            f"该人员上一次失业登记至 {ended_on} 终止, 新的失业登记日期不能早于该日",
            "registration_date",
        )


async def get_visible(
    conn: asyncpg.Connection, principal: Principal, registration_id: uuid.UUID
) -> asyncpg.Record:
    row = await repository.get(conn, registration_id)
    # Another district's record answers exactly like a missing one.
    if row is None or not principal.sees_district(row["district"]):
        raise _NOT_FOUND
    return row


async def get_registration(
    conn: asyncpg.Connection, principal: Principal, registration_id: uuid.UUID
) -> UnemploymentRegistrationRead:
    return to_read(await get_visible(conn, principal, registration_id))


async def list_registrations(
    conn: asyncpg.Connection, principal: Principal, limit: int, offset: int
) -> list[UnemploymentRegistrationRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_for_district(conn, district, limit, offset)
    return [to_read(r) for r in rows]


async def end_registration(
    conn: asyncpg.Connection,
    principal: Principal,
    registration_id: uuid.UUID,
    data: RegistrationEndCreate,
    relay: OutboxRelay,
    *,
    today: dt.date,
) -> tuple[UnemploymentRegistrationRead, bool]:
    """注销失业登记 (R-SPELL-1), once. The journey ends the spells it follows (placement, stop,
    rejection, exhaustion); a service point or case manager ends a residence registration, which
    has no claim, and its journey is told."""
    latest = today + dt.timedelta(days=HIRE_RECORDED_AHEAD_DAYS)
    not_after(data.ended_on, latest, code="ended_on_too_far", message="终止日期不能晚于今天起31天", field="ended_on")
    outbox_id = None
    async with conn.transaction():
        await get_visible(conn, principal, registration_id)
        await repository.lock(conn, registration_id)
        row = await repository.get(conn, registration_id)
        if row["status"] == "closed":
            if (row["ended_on"], row["end_reason"]) != (data.ended_on, data.reason.value):
                raise Conflict("registration_already_ended", "该失业登记已注销, 终止日期或原因不同", "registration_id")
            return to_read(row), False
        _check_who_ends(principal, row, data)
        if data.ended_on < row["registration_date"]:
            raise InvalidInput("ended_before_registration", "终止日期不能早于失业登记日期", "ended_on")
        await repository.record_end(
            conn, registration_id, ended_on=data.ended_on, reason=data.reason.value,
            evidence_ref=data.evidence_ref, ended_by=principal.subject,
        )
        if principal.role is not Role.SYSTEM:
            outbox_id = await enqueue(conn, _registration_ended_signal(row, data))
        row = await repository.get(conn, registration_id)
        await audit(
            conn, principal, entity_type="unemployment_registration", entity_id=registration_id,
            action="end", after={k: row[k] for k in ("ended_on", "end_reason", "end_evidence_ref")},
        )
    await relay.dispatch([outbox_id])
    return to_read(row), True


def _check_who_ends(principal: Principal, row: asyncpg.Record, data: RegistrationEndCreate) -> None:
    if principal.role is Role.SYSTEM:
        return
    if row["basis"] != RegistrationBasis.RESIDENCE.value:
        raise Conflict(
            "registration_has_claim",
            "该失业登记随待遇申领办理: 请通过审核决定或停发待遇结束, 失业登记随之注销",
            "registration_id",
        )
    if data.reason not in MANUAL_END_REASONS:
        raise InvalidInput("end_reason_not_manual", "该终止原因由待遇流程登记, 不能手工登记", "reason")


def _registration_ended_signal(row: asyncpg.Record, data: RegistrationEndCreate) -> SignalWorkflow:
    return SignalWorkflow(
        workflow_id=row["journey_workflow_id"],
        signal=REGISTRATION_ENDED,
        payload=RegistrationEnded(str(row["id"]), data.ended_on, data.reason.value),
        event_key=str(row["id"]),
    )


async def person_history(
    conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID
) -> list[UnemploymentRegistrationRead]:
    """Every spell of a person (R-SPELL-1), the latest first; a service point sees its district's."""
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_for_person(conn, person_id, district)
    if not rows:
        raise NotFound("person_not_found", "未找到该人员的失业登记", "person_id")
    return [to_read(r) for r in rows]
