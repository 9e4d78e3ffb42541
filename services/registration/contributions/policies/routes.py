from __future__ import annotations

import asyncpg
from fastapi import APIRouter, Depends, Query, Response, status

from services.registration.contributions.policies import service
from services.registration.contributions.policies.schemas import (
    CollectionPolicyCreate,
    CollectionPolicyRead,
    ContributionPoliciesRead,
    RatePolicyCreate,
    RatePolicyRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.http import created_or_repeated
from shared.inputs import District

router = APIRouter(prefix="/contribution-policies", tags=["contribution policy"])


@router.get("", response_model=ContributionPoliciesRead, summary="费率与征缴参数 (effective-dated rows)")
async def list_policies(
    area_code: District | None = Query(None),
    principal: Principal = Depends(
        require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR)
    ),
    conn: asyncpg.Connection = Depends(get_conn),
) -> ContributionPoliciesRead:
    return await service.list_policies(conn, area_code)


@router.post(
    "/rates",
    response_model=RatePolicyRead,
    status_code=status.HTTP_201_CREATED,
    summary="录入费率 (R-RATE-1/2), e.g. a reduced-rate period; 200 when repeated",
)
async def enter_rate(
    body: RatePolicyCreate,
    response: Response,
    principal: Principal = Depends(require_roles(Role.OPERATIONS)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> RatePolicyRead:
    result = await service.enter_rate(conn, principal, body)
    created_or_repeated(response, result.created)
    return result.policy


@router.post(
    "/collection",
    response_model=CollectionPolicyRead,
    status_code=status.HTTP_201_CREATED,
    summary="录入征缴参数: due day, late-fee rate (R-LATE-1), assessment factor (R-DECL-1)",
)
async def enter_collection(
    body: CollectionPolicyCreate,
    response: Response,
    principal: Principal = Depends(require_roles(Role.OPERATIONS)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> CollectionPolicyRead:
    result = await service.enter_collection(conn, principal, body)
    created_or_repeated(response, result.created)
    return result.policy
