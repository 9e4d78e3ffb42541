from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response, status

from services.registration.unemployment import service
from services.registration.unemployment.auth import UnemploymentEnder, UnemploymentReader, UnemploymentRegistrar
from services.registration.unemployment.schemas import (
    RegistrationEndCreate,
    UnemploymentRegistrationCreate,
    UnemploymentRegistrationRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX

router = APIRouter(prefix="/unemployment-registrations", tags=["unemployment registration"])


@router.post(
    "",
    response_model=UnemploymentRegistrationRead,
    status_code=status.HTTP_201_CREATED,
    summary="失业登记 (R-UREG-1); 200 with the existing record when repeated",
)
async def create_registration(
    body: UnemploymentRegistrationCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: UnemploymentRegistrar,
    conn: Conn,
) -> UnemploymentRegistrationRead:
    result = await service.register(conn, principal, body, request.app.state.outbox, today=now.today)
    created_or_repeated(response, result.created)
    return result.value


@router.get("", response_model=list[UnemploymentRegistrationRead])
async def list_registrations(
    principal: UnemploymentReader,
    conn: Conn,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[UnemploymentRegistrationRead]:
    return await service.list_registrations(conn, principal, limit, offset)


@router.get("/{registration_id}", response_model=UnemploymentRegistrationRead)
async def get_registration(
    registration_id: uuid.UUID,
    principal: UnemploymentReader,
    conn: Conn,
) -> UnemploymentRegistrationRead:
    return await service.get_registration(conn, principal, registration_id)


@router.post(
    "/{registration_id}/end",
    response_model=UnemploymentRegistrationRead,
    summary="注销失业登记 (R-SPELL-1): the spell's end date and reason, once (200 when repeated). "
    "The journey ends the spells it follows; a service point or case manager ends a residence "
    "registration (no claim). The person may then register again",
)
async def end_registration(
    registration_id: uuid.UUID,
    body: RegistrationEndCreate,
    request: Request,
    now: Now,
    principal: UnemploymentEnder,
    conn: Conn,
) -> UnemploymentRegistrationRead:
    registration, _ = await service.end_registration(
        conn, principal, registration_id, body, request.app.state.outbox, today=now.today
    )
    return registration
