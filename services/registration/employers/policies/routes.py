from __future__ import annotations

from fastapi import APIRouter, Query, Response, status

from services.registration.employers.policies import service
from services.registration.employers.policies.auth import RegistrationPolicyReader, RegistrationPolicyWriter
from services.registration.employers.policies.schemas import (
    RegistrationPolicyCreate,
    RegistrationPolicyRead,
)
from shared.deps import Conn
from shared.http import created_or_repeated
from shared.inputs import District

router = APIRouter(prefix="/employer-registration-policies", tags=["employer registration"])


@router.get(
    "",
    response_model=list[RegistrationPolicyRead],
    summary="登记业务参数: review working days, warning, R-REG-3 and R-EMP-1 days (effective-dated rows)",
)
async def list_policies(
    _: RegistrationPolicyReader,
    conn: Conn,
    area_code: District | None = Query(None),
) -> list[RegistrationPolicyRead]:
    return await service.list_policies(conn, area_code)


@router.post(
    "",
    response_model=RegistrationPolicyRead,
    status_code=status.HTTP_201_CREATED,
    summary="录入登记业务参数 from a date (operations); 200 when repeated, 409 for another row",
)
async def enter_policy(
    body: RegistrationPolicyCreate,
    response: Response,
    principal: RegistrationPolicyWriter,
    conn: Conn,
) -> RegistrationPolicyRead:
    policy, created = await service.enter(conn, principal, body)
    created_or_repeated(response, created)
    return policy
