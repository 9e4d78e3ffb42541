from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from services.employment.first_offers import service as first_offers
from services.employment.first_offers.schemas import FirstOfferDue
from services.employment.training import service
from services.employment.training.auth import FirstTrainingOffersReader, TrainingManager, TrainingReader
from services.employment.training.schemas import (
    CourseCreate,
    CourseRead,
    ProviderCreate,
    ProviderRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, District, Text

router = APIRouter(tags=["vocational training"])


@router.post(
    "/training-providers",
    response_model=ProviderRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记培训机构; 200 when repeated",
)
async def create_provider(
    body: ProviderCreate,
    response: Response,
    principal: TrainingManager,
    conn: Conn,
) -> ProviderRead:
    provider, created = await service.create_provider(conn, principal, body)
    created_or_repeated(response, created)
    return provider


@router.get("/training-providers", response_model=list[ProviderRead])
async def list_providers(
    _: TrainingReader,
    conn: Conn,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[ProviderRead]:
    return await service.list_providers(conn, limit, offset)


@router.post(
    "/courses",
    response_model=CourseRead,
    status_code=status.HTTP_201_CREATED,
    summary="开设培训课程 (keyed by provider + code); 200 when repeated",
)
async def create_course(
    body: CourseCreate,
    response: Response,
    principal: TrainingManager,
    conn: Conn,
) -> CourseRead:
    course, created = await service.create_course(conn, principal, body)
    created_or_repeated(response, created)
    return course


@router.get("/courses", response_model=list[CourseRead])
async def list_courses(
    _: TrainingReader,
    conn: Conn,
    occupation: Text | None = Query(None, max_length=50),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[CourseRead]:
    return await service.list_courses(conn, occupation, limit, offset)


@router.get("/courses/{course_id}", response_model=CourseRead)
async def get_course(
    course_id: uuid.UUID,
    _: TrainingReader,
    conn: Conn,
) -> CourseRead:
    return await service.get_course(conn, course_id)


@router.get(
    "/training/first-offers-due",
    response_model=list[FirstOfferDue],
    summary="领取失业保险金、尚未推荐职业培训的人员 (no course referral, no enrolment), with the due date "
    "('first_training_offer_days') and whether it has passed",
)
async def first_training_offers_due(
    now: Now,
    principal: FirstTrainingOffersReader,
    conn: Conn,
    district: District | None = Query(None, description="a service point: its own district, whatever is asked"),
    limit: int = Query(100, ge=1, le=500),
) -> list[FirstOfferDue]:
    return await first_offers.due(conn, principal, now, "training", district=district, limit=limit)
