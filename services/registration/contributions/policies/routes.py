from __future__ import annotations

from fastapi import APIRouter, Query, Response, status

from services.registration.contributions.policies import service
from services.registration.contributions.policies.auth import ContributionPolicyReader, ContributionPolicyWriter
from services.registration.contributions.policies.schemas import (
    CollectionPolicyCreate,
    CollectionPolicyRead,
    ContributionPoliciesRead,
    RatePolicyCreate,
    RatePolicyRead,
)
from shared.deps import Conn
from shared.http import created_or_repeated
from shared.inputs import District

router = APIRouter(prefix="/contribution-policies", tags=["contribution policy"])


@router.get("", response_model=ContributionPoliciesRead, summary="费率与征缴参数 (effective-dated rows)")
async def list_policies(
    principal: ContributionPolicyReader,
    conn: Conn,
    area_code: District | None = Query(None),
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
    principal: ContributionPolicyWriter,
    conn: Conn,
) -> RatePolicyRead:
    result = await service.enter_rate(conn, principal, body)
    created_or_repeated(response, result.created)
    return result.value


@router.post(
    "/collection",
    response_model=CollectionPolicyRead,
    status_code=status.HTTP_201_CREATED,
    summary="录入征缴参数: due day, late-fee rate (R-LATE-1), assessment factor (R-DECL-1)",
)
async def enter_collection(
    body: CollectionPolicyCreate,
    response: Response,
    principal: ContributionPolicyWriter,
    conn: Conn,
) -> CollectionPolicyRead:
    result = await service.enter_collection(conn, principal, body)
    created_or_repeated(response, result.created)
    return result.value
