from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Response, status

from services.employment.vacancies import service
from services.employment.vacancies.auth import Matcher, VacancyReader, VacancyWriter
from services.employment.vacancies.schemas import (
    JobSeekerMatch,
    VacancyCreate,
    VacancyMatch,
    VacancyRead,
)
from shared.deps import Conn
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, District, Text

router = APIRouter(tags=["vacancies and referrals"])


@router.post(
    "/vacancies",
    response_model=VacancyRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记岗位 (keyed by employer + posting ref); 200 when repeated",
)
async def create_vacancy(
    body: VacancyCreate,
    response: Response,
    principal: VacancyWriter,
    conn: Conn,
) -> VacancyRead:
    vacancy, created = await service.create(conn, principal, body)
    created_or_repeated(response, created)
    return vacancy


@router.get("/vacancies", response_model=list[VacancyRead])
async def list_vacancies(
    _: VacancyReader,
    conn: Conn,
    occupation: Text | None = Query(None, max_length=50),
    district: District | None = Query(None),
    status_filter: Literal["open", "closed"] | None = Query(None, alias="status"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> list[VacancyRead]:
    return await service.list_vacancies(
        conn, occupation=occupation, district=district, status=status_filter, limit=limit, offset=offset
    )


@router.get("/vacancies/{vacancy_id}", response_model=VacancyRead)
async def get_vacancy(
    vacancy_id: uuid.UUID,
    _: VacancyReader,
    conn: Conn,
) -> VacancyRead:
    return await service.get(conn, vacancy_id)


@router.post("/vacancies/{vacancy_id}/closure", response_model=VacancyRead, summary="关闭岗位")
async def close_vacancy(
    vacancy_id: uuid.UUID,
    principal: VacancyWriter,
    conn: Conn,
) -> VacancyRead:
    return await service.close(conn, principal, vacancy_id)


@router.get(
    "/vacancies/{vacancy_id}/matches",
    response_model=list[VacancyMatch],
    summary="人岗匹配: active job seekers ranked for the vacancy, each with its reasons",
)
async def seekers_for_vacancy(
    vacancy_id: uuid.UUID,
    principal: Matcher,
    conn: Conn,
    limit: int = Query(20, ge=1, le=100),
) -> list[VacancyMatch]:
    return await service.seekers_for_vacancy(conn, principal, vacancy_id, limit)


@router.get(
    "/job-seekers/{job_seeker_id}/matches",
    response_model=list[JobSeekerMatch],
    summary="岗位推荐: open vacancies ranked for the job seeker, each with its reasons",
)
async def vacancies_for_seeker(
    job_seeker_id: uuid.UUID,
    principal: Matcher,
    conn: Conn,
    limit: int = Query(20, ge=1, le=100),
) -> list[JobSeekerMatch]:
    return await service.vacancies_for_seeker(conn, principal, job_seeker_id, limit)
