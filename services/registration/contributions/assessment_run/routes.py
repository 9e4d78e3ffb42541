from __future__ import annotations

from fastapi import APIRouter

from services.registration.contributions.assessment_run import service
from services.registration.contributions.assessment_run.auth import AssessmentRunner
from services.registration.contributions.assessment_run.schemas import (
    AssessmentRunCreate,
    AssessmentRunRead,
)
from services.registration.deps import Settings
from shared.deps import Conn, Now
from shared.notices.render import letterhead_of

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
    principal: AssessmentRunner,
    conn: Conn,
    settings: Settings,
) -> AssessmentRunRead:
    return await service.run(conn, principal, body, today=now.today, letterhead=letterhead_of(settings))
