from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from services.employment.first_offers import service as first_offers
from services.employment.first_offers.schemas import FirstOfferDue
from services.employment.guidance import service
from services.employment.guidance.auth import FirstOffersReader, GuidanceReader, GuidanceWriter
from services.employment.guidance.schemas import (
    SessionCreate,
    SessionOutcomeCreate,
    SessionRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(tags=["career guidance"])


@router.post(
    "/job-seekers/{job_seeker_id}/guidance-sessions",
    response_model=SessionRead,
    status_code=status.HTTP_201_CREATED,
    summary="预约职业指导 (the first one for a person on benefit within the policy's days); 200 when repeated",
)
async def schedule(
    job_seeker_id: uuid.UUID,
    body: SessionCreate,
    response: Response,
    now: Now,
    principal: GuidanceWriter,
    conn: Conn,
) -> SessionRead:
    session, created = await service.schedule(conn, principal, job_seeker_id, body, now)
    created_or_repeated(response, created)
    return session


@router.get("/job-seekers/{job_seeker_id}/guidance-sessions", response_model=list[SessionRead])
async def list_sessions(
    job_seeker_id: uuid.UUID,
    principal: GuidanceReader,
    conn: Conn,
) -> list[SessionRead]:
    return await service.for_job_seeker(conn, principal, job_seeker_id)


@router.post(
    "/guidance-sessions/{session_id}/outcome",
    response_model=SessionRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记指导结果: attended (guidance + action plan) or missed; 200 when repeated",
)
async def record_outcome(
    session_id: uuid.UUID,
    body: SessionOutcomeCreate,
    response: Response,
    now: Now,
    principal: GuidanceWriter,
    conn: Conn,
) -> SessionRead:
    session, created = await service.record_outcome(conn, principal, session_id, body, now)
    created_or_repeated(response, created)
    return session


@router.get(
    "/guidance/first-offers-due",
    response_model=list[FirstOfferDue],
    summary="领取失业保险金、尚未安排首次职业指导的人员, with the due date and whether it has passed",
)
async def first_offers_due(
    now: Now,
    principal: FirstOffersReader,
    conn: Conn,
    limit: int = Query(100, ge=1, le=500),
) -> list[FirstOfferDue]:
    return await first_offers.due(conn, principal, now, "guidance", district=None, limit=limit)
