from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from services.registration.employers.changes import service
from services.registration.employers.changes.auth import ChangeReader, ChangeRegistrar
from services.registration.employers.changes.schemas import (
    ChangeRead,
    ChangeRegistrationCreate,
    ChangeRegistrationRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(prefix="/employers/{employer_id}/changes", tags=["change registration"])


@router.post(
    "",
    response_model=ChangeRegistrationRead,
    status_code=status.HTTP_201_CREATED,
    summary="变更登记 (form 2-3): old/new/who/when/why per item; certificate items → new certificate",
    description="Items: name, address, legal_representative, unit_type, organisation_code, "
    "supervising_department, affiliation, bank_account, other. A change of name, address, legal "
    "representative, unit type or organisation code withdraws the certificate and issues a new "
    "number. Repeating the same `request_key` returns 200 with the first result; reusing it for "
    "other values is 409.",
)
async def register_change(
    employer_id: uuid.UUID,
    body: ChangeRegistrationCreate,
    response: Response,
    now: Now,
    principal: ChangeRegistrar,
    conn: Conn,
) -> ChangeRegistrationRead:
    result, created = await service.register_change(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, created)
    return result


@router.get("", response_model=list[ChangeRead], summary="The employer's change history, oldest first")
async def change_history(
    employer_id: uuid.UUID,
    principal: ChangeReader,
    conn: Conn,
) -> list[ChangeRead]:
    return await service.change_history(conn, principal, employer_id)
