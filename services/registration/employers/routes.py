from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from services.registration.approvals import service as approvals
from services.registration.approvals.kinds import REGISTRY

from services.registration.employers import review, service
from services.registration.employers.auth import (
    EmployerReader,
    EmployerRegistrar,
    EmployerReviewer,
    ReviewEscalator,
    ReviewWatcher,
)
from services.registration.employers.schemas import (
    EmployerCreate,
    EmployerRead,
    EmployerStatus,
    ReviewDecision,
    ReviewEscalationCreate,
    ReviewRead,
)
from shared.deps import Conn, Now
from shared.four_eyes_routes import PREPARED_RESPONSE, prepared_response
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, Text

router = APIRouter(prefix="/employers", tags=["employer registration"])


@router.post(
    "",
    response_model=EmployerRead,
    status_code=status.HTTP_201_CREATED,
    summary="参保登记: submit forms 2-1 / 2-2; 200 with the same record when repeated",
    description="USCC checked (GB 32100-2015); a case manager may accept a real code whose check "
    "character fails by giving `uscc_check_override_reason` (audited). R-REG-3: "
    "`late_registration` when submitted more than 30 days after founding. R-CTRL-1: where the "
    "province checks `uscc_override`, the override is first prepared (202) for a second case "
    "manager; once approved, the same submission goes through.",
    responses={
        **PREPARED_RESPONSE,
        409: {"description": "employer_already_registered"},
        422: {"description": "invalid_uscc_checksum, …"},
    },
)
async def submit_registration(
    body: EmployerCreate,
    response: Response,
    now: Now,
    principal: EmployerRegistrar,
    conn: Conn,
) -> EmployerRead | JSONResponse:
    prepared = await approvals.prepare_uscc_override(conn, principal, body, now)
    if prepared is not None:
        return prepared_response(REGISTRY, prepared)
    result = await service.submit(conn, principal, body, today=now.today)
    created_or_repeated(response, result.created)
    return result.value


@router.get(
    "",
    response_model=list[EmployerRead],
    summary="Employers (a service point sees its own district's); `review_overdue=true` for operations",
)
async def list_employers(
    principal: EmployerReader,
    conn: Conn,
    status_filter: EmployerStatus | None = Query(None, alias="status"),
    review_overdue: bool | None = Query(None, description="cases past their review deadline"),
    uscc: Text | None = Query(None, description="统一社会信用代码", examples=["91430102MA4L000072"]),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[EmployerRead]:
    return await service.list_employers(
        conn,
        principal,
        status=None if status_filter is None else status_filter.value,
        review_overdue=review_overdue,
        uscc=uscc,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/{employer_id}",
    response_model=EmployerRead,
    summary="One employer (404 for another district's service point, as for a missing one)",
)
async def get_employer(
    employer_id: uuid.UUID,
    principal: EmployerReader,
    conn: Conn,
) -> EmployerRead:
    return await service.get_employer(conn, principal, employer_id)


@router.post(
    "/{employer_id}/acceptance",
    response_model=EmployerRead,
    summary="受理: under review, deadline N working days (R-REG-1), starts the deadline workflow",
    responses={409: {"description": "employer_not_submitted, calendar_year_unknown"}},
)
async def accept_registration(
    employer_id: uuid.UUID,
    request: Request,
    now: Now,
    principal: EmployerReviewer,
    conn: Conn,
) -> EmployerRead:
    return await service.accept(conn, principal, employer_id, request.app.state.outbox, today=now.today)


@router.post(
    "/{employer_id}/decision",
    response_model=EmployerRead,
    summary="审核: approve (certificate + insured records) or reject with reasons",
    description="201 when decided, 200 when the same decision is repeated, 409 for the opposite one.",
    status_code=status.HTTP_201_CREATED,
)
async def decide_registration(
    employer_id: uuid.UUID,
    body: ReviewDecision,
    request: Request,
    response: Response,
    now: Now,
    principal: EmployerReviewer,
    conn: Conn,
) -> EmployerRead:
    employer, changed = await service.decide(conn, principal, employer_id, body, request.app.state.outbox, today=now.today)
    created_or_repeated(response, changed)
    return employer


@router.post(
    "/{employer_id}/review-escalations",
    response_model=EmployerRead,
    summary="The review-deadline workflow's warning or overdue escalation (system role)",
)
async def escalate_review(
    employer_id: uuid.UUID,
    body: ReviewEscalationCreate,
    principal: ReviewEscalator,
    conn: Conn,
) -> EmployerRead:
    return await review.escalate(conn, principal, employer_id, body)


@router.get(
    "/{employer_id}/review",
    response_model=ReviewRead,
    summary="The review deadline's live state from its workflow (warned, overdue, decided)",
)
async def get_review(
    employer_id: uuid.UUID,
    request: Request,
    principal: ReviewWatcher,
    conn: Conn,
) -> ReviewRead:
    return await review.review_state(conn, request.app.state.temporal, principal, employer_id)
