from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response, status

from services.employment.referrals import service
from services.employment.referrals.auth import NoResponseSweeper, ReferralReader, ReferralWriter
from services.employment.referrals.schemas import (
    NoResponseSweep,
    OutcomeCreate,
    ReferralCreate,
    ReferralRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(tags=["vacancies and referrals"])


@router.post(
    "/referrals",
    response_model=ReferralRead,
    status_code=status.HTTP_201_CREATED,
    summary="职业介绍 or a training offer (one per vacancy/course and job seeker; keeps the match's reasons); 200 when repeated",
)
async def refer(
    body: ReferralCreate,
    response: Response,
    now: Now,
    principal: ReferralWriter,
    conn: Conn,
) -> ReferralRead:
    referral, created = await service.refer(conn, principal, body, now.today)
    created_or_repeated(response, created)
    return referral


@router.get("/referrals/{referral_id}", response_model=ReferralRead)
async def get_referral(
    referral_id: uuid.UUID,
    principal: ReferralReader,
    conn: Conn,
) -> ReferralRead:
    return await service.get(conn, principal, referral_id)


@router.get("/job-seekers/{job_seeker_id}/referrals", response_model=list[ReferralRead])
async def job_seeker_referrals(
    job_seeker_id: uuid.UUID,
    principal: ReferralReader,
    conn: Conn,
) -> list[ReferralRead]:
    return await service.for_job_seeker(conn, principal, job_seeker_id)


@router.post(
    "/referrals/{referral_id}/outcome",
    response_model=ReferralRead,
    status_code=status.HTTP_201_CREATED,
    summary="介绍结果: hired / refused (good reason or not) / not suitable / no response; 200 when repeated",
)
async def record_outcome(
    referral_id: uuid.UUID,
    body: OutcomeCreate,
    request: Request,
    response: Response,
    now: Now,
    principal: ReferralWriter,
    conn: Conn,
) -> ReferralRead:
    referral, created = await service.record_outcome(
        conn, principal, referral_id, body, now.today, request.app.state.outbox
    )
    created_or_repeated(response, created)
    return referral


@router.post(
    "/referrals/no-response-sweep",
    response_model=NoResponseSweep,
    summary="登记逾期未回复: pending referrals past their response deadline become no_response",
)
async def sweep_no_response(
    now: Now,
    principal: NoResponseSweeper,
    conn: Conn,
    limit: int = Query(500, ge=1, le=5000),
) -> NoResponseSweep:
    ids = await service.sweep_no_response(conn, principal, now.today, limit)
    return NoResponseSweep(referral_ids=ids)
