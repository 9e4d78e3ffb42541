from __future__ import annotations

import asyncpg
from fastapi import APIRouter, Depends

from services.registration.contributions.assessment_run import service
from services.registration.contributions.assessment_run.schemas import (
    AssessmentRunCreate,
    AssessmentRunRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now

router = APIRouter(prefix="/contribution-assessment-runs", tags=["contributions"])


@router.post(
    "",
    response_model=AssessmentRunRead,
    summary="核定 run: every undeclared month past its due date assessed at 110% of the previous "
    "month (R-DECL-1), set-based; running it again assesses only what is still undeclared",
)
async def run(
    body: AssessmentRunCreate,
    now: Now,
    principal: Principal = Depends(require_roles(Role.CASE_MANAGER, Role.OPERATIONS)),
    conn: asyncpg.Connection = Depends(get_conn),
) -> AssessmentRunRead:
    return await service.run(conn, principal, body, today=now.today)
