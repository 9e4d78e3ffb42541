"""参保登记: submission (forms 2-1 / 2-2), acceptance, review deadline, decision.

Approval creates the employer's certificate (issued first-time, or the existing pension/medical
certificate annotated) and each listed employee's insured record in one transaction. Every
command owns its transaction and writes its audit entry in it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from contracts.employer_review import (
    EMPLOYER_REVIEW,
    EMPLOYER_REVIEW_DECIDED,
    EmployerReviewDecided,
    EmployerReviewInput,
    employer_review_id,
)
from contracts.journey import SA_DISTRICT
from services.registration.audit import service as audit
from services.registration.calendar.service import load_calendar
from services.registration.employers import access, repository
from services.registration.employers.policy import policy_for
from services.registration.employers.schemas import (
    EmployerCreate,
    EmployerRead,
    ReviewDecision,
)
from services.registration.employers.uscc import check_uscc
from services.registration.staff import service as staff
from shared.auth import Principal, Role
from shared.errors import Conflict, Forbidden, InvalidInput
from shared.ids import mask_id_number, mask_name
from shared.outbox import OutboxRelay, SignalWorkflow, StartWorkflow, enqueue
from shared.results import Written

# Roles whose work needs the employer's personal data unmasked (legal representative, contacts).
_SEES_PERSONAL = {Role.CASE_MANAGER, Role.AUDITOR}
# Bank account: also finance (refunds, reconciliation).
_SEES_BANK = _SEES_PERSONAL | {Role.FINANCE}


def to_read(row: asyncpg.Record, principal: Principal) -> EmployerRead:
    """Personal data masked unless the role needs it (PIPL art. 28)."""
    keys = set(row.keys())
    data = {name: row[name] for name in EmployerRead.model_fields if name in keys}
    data["other_items"] = row["other_items"] or {}
    if principal.role not in _SEES_PERSONAL:
        data["legal_representative"] = mask_name(row["legal_representative"])
        data["contacts"] = [
            {**c, "name": mask_name(c["name"]), "phone": mask_id_number(c["phone"])}
            for c in row["contacts"]
        ]
    if principal.role not in _SEES_BANK:
        data["bank_account"] = mask_id_number(row["bank_account"])
    return EmployerRead(**data)


def snapshot(row: asyncpg.Record) -> dict[str, Any]:
    """Audit snapshot of an employer; personal data under the keys the audit reader masks."""
    return {
        "uscc": row["uscc"],
        "name": row["name"],
        "address": row["address"],
        "legal_representative": row["legal_representative"],
        "unit_type": row["unit_type"],
        "supervising_department": row["supervising_department"],
        "affiliation": row["affiliation"],
        "bank_name": row["bank_name"],
        "bank_account": row["bank_account"],
        "contacts": [
            {"contact_name": c["name"], "phone": c["phone"], "role": c.get("role")}
            for c in row["contacts"]
        ],
        "other_items": row["other_items"],
        "district": row["district"],
        "status": row["status"],
        "certificate_number": row["certificate_number"],
        "review_overdue": row["review_overdue"],
    }


def _same_submission(row: asyncpg.Record, data: EmployerCreate, district: str) -> bool:
    return (
        row["district"] == district
        and row["name"] == data.name
        and row["address"] == data.address
        and row["legal_representative"] == data.legal_representative
        and row["bank_account"] == data.bank_account
        and row["unit_type"] == data.unit_type.value
    )


def _submission_district(principal: Principal, data: EmployerCreate) -> str:
    district = data.district or principal.district
    if district is None:
        raise Forbidden("district_required", "请填写行政区划代码 (district)")
    if principal.role is Role.SERVICE_POINT and district != principal.district:
        raise Forbidden("district_forbidden", "服务网点只能为本辖区单位办理参保登记")
    return district


def _checked_uscc(principal: Principal, data: EmployerCreate) -> tuple[str, bool]:
    """The normalised USCC (GB 32100-2015), and whether a case manager accepted a failed check
    character (the override, audited)."""
    uscc, check_ok = check_uscc(data.uscc)
    if check_ok:
        return uscc, False
    if data.uscc_check_override_reason is None:
        raise InvalidInput("invalid_uscc_checksum", "统一社会信用代码校验码错误", "uscc")
    if principal.role is not Role.CASE_MANAGER:
        raise Forbidden("uscc_override_forbidden", "只有经办人员可以确认校验未通过的统一社会信用代码")
    return uscc, True


def _employer_values(
    principal: Principal, data: EmployerCreate, *, uscc: str, overridden: bool, district: str, late: bool,
    today: dt.date,
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "uscc": uscc,
        "uscc_check_overridden": overridden,
        "name": data.name,
        "address": data.address,
        "legal_representative": data.legal_representative,
        "unit_type": data.unit_type.value,
        "supervising_department": data.supervising_department,
        "affiliation": data.affiliation,
        "bank_name": data.bank_name,
        "bank_account": data.bank_account,
        "contacts": [c.model_dump() for c in data.contacts],
        "documents": [d.model_dump(mode="json") for d in data.documents],
        "district": district,
        "founded_on": data.founded_on,
        "existing_certificate_number": data.existing_certificate_number,
        "created_by": principal.subject,
        "late_registration": late,
        "submitted_on": today,
    }


async def submit(
    conn: asyncpg.Connection,
    principal: Principal,
    data: EmployerCreate,
    *,
    today: dt.date,
) -> Written[EmployerRead]:
    """Record a registration as submitted; the same request again returns it (200)."""
    data.check_dates(today)
    district = _submission_district(principal, data)
    uscc, overridden = _checked_uscc(principal, data)
    async with conn.transaction():
        policy = await policy_for(conn, district, today)
        # R-REG-3: registered more than the policy's days (30) after founding.
        late = data.founded_on is not None and (today - data.founded_on).days > policy.enrolment_deadline_days
        values = _employer_values(
            principal, data, uscc=uscc, overridden=overridden, district=district, late=late, today=today
        )
        employer_id, before = values["id"], None
        if not await repository.insert_employer(conn, values):
            existing = await _registered_before(conn, principal, data, uscc, district)
            if existing["status"] != "rejected":
                return Written(to_read(existing, principal), created=False)
            # Submitted again after a rejection (the reasons fixed): a new round of review.
            employer_id, before = existing["id"], snapshot(existing)
            await repository.resubmit(conn, employer_id, values)
        row = await _record_submission(conn, principal, data, employer_id, before=before, overridden=overridden)
    return Written(to_read(row, principal), created=True)


async def _registered_before(
    conn: asyncpg.Connection, principal: Principal, data: EmployerCreate, uscc: str, district: str
) -> asyncpg.Record:
    """The employer already registered under the USCC, when this submission may meet it: a
    rejected registration submitted again, or the same submission repeated. Anything else
    (another district's, different details) is a conflict."""
    existing = await repository.get_by_uscc(conn, uscc, for_update=True)
    assert existing is not None
    visible = principal.sees_district(existing["district"]) and existing["district"] == district
    if visible and (existing["status"] == "rejected" or _same_submission(existing, data, district)):
        return existing
    raise Conflict("employer_already_registered", "该统一社会信用代码已办理参保登记", "uscc")


async def _record_submission(
    conn: asyncpg.Connection,
    principal: Principal,
    data: EmployerCreate,
    employer_id: uuid.UUID,
    *,
    before: dict[str, Any] | None,
    overridden: bool,
) -> asyncpg.Record:
    """Form 2-2's staff list and the audit entries of a (re)submission; the employer's row."""
    await repository.insert_application_staff(
        conn,
        employer_id,
        [(s.id_number, s.name, s.hired_on, s.farmer_contract_worker) for s in data.staff],
    )
    row = await repository.get(conn, employer_id)
    await audit.record(
        conn, principal, entity_type="employer", entity_id=employer_id,
        action="submitted" if before is None else "resubmitted", before=before, after=snapshot(row),
    )
    if overridden:
        await audit.record(
            conn, principal, entity_type="employer", entity_id=employer_id,
            action="uscc_check_overridden", after={"uscc": row["uscc"]},
            reason=data.uscc_check_override_reason,
        )
    return row


async def accept(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    relay: OutboxRelay,
    *,
    today: dt.date,
) -> EmployerRead:
    """受理: start the review and its deadline (R-REG-1: N working days, the seed's 10)."""
    accepted_on = today
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        if row["status"] == "under_review":
            return to_read(row, principal)
        if row["status"] != "submitted":
            raise Conflict("employer_not_submitted", "该参保登记不处于待受理状态", "employer_id")
        policy = await policy_for(conn, row["district"], accepted_on)
        calendar = await load_calendar(conn, accepted_on)
        # Refuses (409 calendar_year_unknown) rather than guess across an unannounced year.
        due_on = calendar.add_working_days(accepted_on, policy.review_working_days)
        warn_on = max(
            calendar.subtract_working_days(due_on, policy.review_warning_working_days), accepted_on
        )
        workflow_id = employer_review_id(employer_id, row["review_round"] + 1)
        await repository.mark_accepted(
            conn, employer_id, accepted_on=accepted_on, review_due_on=due_on,
            review_workflow_id=workflow_id,
        )
        # Workflow input: the internal ID and dates only.
        outbox_id = await enqueue(
            conn,
            StartWorkflow(
                workflow=EMPLOYER_REVIEW,
                workflow_id=workflow_id,
                input=EmployerReviewInput(str(employer_id), accepted_on, warn_on, due_on),
                keyword_search_attributes={SA_DISTRICT: row["district"]},
            ),
        )
        after = await repository.get(conn, employer_id)
        await audit.record(
            conn, principal, entity_type="employer", entity_id=employer_id, action="accepted",
            before=snapshot(row), after={**snapshot(after), "review_due_on": due_on},
        )
    await relay.dispatch([outbox_id])
    return to_read(after, principal)


async def decide(
    conn: asyncpg.Connection,
    principal: Principal,
    employer_id: uuid.UUID,
    decision: ReviewDecision,
    relay: OutboxRelay,
    *,
    today: dt.date,
) -> tuple[EmployerRead, bool]:
    """Approve (certificate + insured records) or reject with reasons; (record, changed)."""
    reasons = [r.strip() for r in decision.reasons if r.strip()]
    async with conn.transaction():
        row = await access.visible_employer(conn, principal, employer_id, for_update=True)
        if row["status"] in ("approved", "rejected", "deregistered") and row["decided_at"] is not None:
            if (row["status"] != "rejected") == decision.approved:
                return to_read(row, principal), False
            raise Conflict("employer_already_decided", "该参保登记已审核, 不能改变审核结论", "approved")
        if row["status"] != "under_review":
            raise Conflict("employer_not_under_review", "该参保登记尚未受理, 不能审核", "employer_id")
        certificate_number = None
        if decision.approved:
            certificate_number = await _certificate_on_approval(conn, principal, row, today)
            await _insure_listed_staff(conn, principal, row)
        await repository.mark_decided(
            conn,
            employer_id,
            status="approved" if decision.approved else "rejected",
            decided_by=principal.subject,
            rejection_reasons=None if decision.approved else reasons,
            certificate_number=certificate_number,
        )
        after = await repository.get(conn, employer_id)
        await audit.record(
            conn, principal, entity_type="employer", entity_id=employer_id,
            action="approved" if decision.approved else "rejected",
            before=snapshot(row), after=snapshot(after),
            reason=None if decision.approved else "; ".join(reasons),
        )
        outbox_id = await enqueue(
            conn,
            SignalWorkflow(
                workflow_id=row["review_workflow_id"],
                signal=EMPLOYER_REVIEW_DECIDED,
                payload=EmployerReviewDecided(str(employer_id), decision.approved, after["decided_at"]),
                event_key=f"decision:{row['review_workflow_id']}",
            ),
        )
    await relay.dispatch([outbox_id])
    return to_read(after, principal), True


async def _certificate_on_approval(
    conn: asyncpg.Connection, principal: Principal, row: asyncpg.Record, today: dt.date
) -> str:
    """Already insured for pension/medical → annotate that certificate; first-time → issue one."""
    if row["existing_certificate_number"]:
        number, kind = row["existing_certificate_number"], "annotated"
        if await repository.certificate_number_taken(conn, number):
            raise Conflict(
                "certificate_number_in_use", "该社会保险登记证编号已属于其他单位", "existing_certificate_number"
            )
    else:
        number = await repository.next_certificate_number(conn, row["district"], today)
        kind = "issued"
    certificate_id = await repository.insert_certificate(
        conn, employer_id=row["id"], number=number, kind=kind, issued_on=today,
        created_by=principal.subject,
    )
    await audit.record(
        conn, principal, entity_type="certificate", entity_id=certificate_id,
        action=f"certificate_{kind}", after={"employer_id": row["id"], "number": number, "kind": kind},
    )
    return number


async def _insure_listed_staff(conn: asyncpg.Connection, principal: Principal, row: asyncpg.Record) -> None:
    """Form 2-2 → one employment each, enrolled on the submission date (R-REG-3 measured to it)."""
    submitted_on = row["submitted_on"]
    policy = await policy_for(conn, row["district"], submitted_on)
    for index, member in enumerate(await repository.application_staff(conn, row["id"])):
        await staff.create_employment(
            conn,
            principal,
            row,
            id_number=member["id_number"],
            name=member["name"],
            hired_on=member["hired_on"],
            enrolled_on=max(submitted_on, member["hired_on"]),
            farmer_contract_worker=member["farmer_contract_worker"],
            policy=policy,
            field_prefix=f"staff.{index}.",
        )


async def get_employer(conn: asyncpg.Connection, principal: Principal, employer_id: uuid.UUID) -> EmployerRead:
    return to_read(await access.visible_employer(conn, principal, employer_id), principal)


async def list_employers(
    conn: asyncpg.Connection,
    principal: Principal,
    *,
    status: str | None,
    review_overdue: bool | None,
    uscc: str | None,
    limit: int,
    offset: int,
) -> list[EmployerRead]:
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    rows = await repository.list_employers(
        conn, district=district, status=status, review_overdue=review_overdue,
        uscc=None if uscc is None else uscc.strip().upper(), limit=limit, offset=offset,
    )
    return [to_read(r, principal) for r in rows]
