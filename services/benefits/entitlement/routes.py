from __future__ import annotations

from fastapi import APIRouter

from services.benefits.entitlement.assessment import ClaimFacts, assess
from services.benefits.entitlement.auth import EntitlementPreviewer
from services.benefits.entitlement.schemas import (
    ClaimEvidence,
    EntitlementPreviewCreate,
    EntitlementRead,
)
from shared.auth import Role
from shared.deps import Conn, Now
from shared.errors import InvalidInput

router = APIRouter(prefix="/entitlement-previews", tags=["entitlement"])


@router.post(
    "",
    response_model=EntitlementRead,
    summary="待遇试算: eligibility, months and monthly amount for given facts, and why (nothing is saved)",
)
async def preview_entitlement(
    body: EntitlementPreviewCreate,
    now: Now,
    principal: EntitlementPreviewer,
    conn: Conn,
) -> EntitlementRead:
    district = body.district or principal.district
    if district is None:
        raise InvalidInput("district_required", "请填写行政区划代码", "district")
    if principal.role is Role.SERVICE_POINT and district != principal.district:
        raise InvalidInput("district_not_own", "服务网点只能试算本辖区的待遇", "district")
    today = now.today
    facts = ClaimFacts(
        district=district,
        registration_date=body.registration_date or today,
        separation_date=body.separation_date,
        separation_reason=body.separation_reason.value,
        claim_date=body.claim_date or today,
        evidence=ClaimEvidence(
            as_of=today, contribution_months=body.contribution_months, spells=body.spells, source="preview"
        ),
        person_id=body.person_id,
    )
    async with conn.transaction():
        return (await assess(conn, facts)).read()
