"""Vacancies (岗位信息) and matching both ways, ranked with the reason for each match."""

from __future__ import annotations

import uuid

import asyncpg

from services.employment.job_seekers import repository as job_seekers
from services.employment.job_seekers.schemas import JobSeekerRead
from services.employment.job_seekers.service import get_visible
from services.employment.vacancies import matching, repository
from services.employment.vacancies.schemas import (
    JobSeekerMatch,
    MatchReason,
    VacancyCreate,
    VacancyMatch,
    VacancyRead,
)
from shared.auth import Principal, Role
from shared.errors import Conflict, Forbidden, NotFound

VACANCY_NOT_FOUND = NotFound("vacancy_not_found", "未找到该岗位", "vacancy_id")


def _reasons(score: matching.Score) -> list[MatchReason]:
    return [MatchReason(factor=r.factor, points=r.points, detail=r.detail) for r in score.reasons]


async def create(conn: asyncpg.Connection, principal: Principal, data: VacancyCreate) -> tuple[VacancyRead, bool]:
    if principal.role is Role.SERVICE_POINT and data.district != principal.district:
        raise Forbidden("district_forbidden", "服务网点只能登记本辖区的岗位")
    values = data.model_dump()
    async with conn.transaction():
        row, created = await repository.insert_once(conn, values, principal.subject)
    if not created and any(row[k] != values[k] for k in values):
        raise Conflict("vacancy_exists", "该单位同一编号的岗位已登记且内容不同", "posting_ref")
    return VacancyRead(**dict(row)), created


async def get(conn: asyncpg.Connection, vacancy_id: uuid.UUID) -> VacancyRead:
    row = await repository.get(conn, vacancy_id)
    if row is None:
        raise VACANCY_NOT_FOUND
    return VacancyRead(**dict(row))


async def list_vacancies(conn: asyncpg.Connection, **filters: object) -> list[VacancyRead]:
    return [VacancyRead(**dict(r)) for r in await repository.list_vacancies(conn, **filters)]


async def close(conn: asyncpg.Connection, principal: Principal, vacancy_id: uuid.UUID) -> VacancyRead:
    async with conn.transaction():
        row = await repository.get(conn, vacancy_id, for_update=True)
        if row is None:
            raise VACANCY_NOT_FOUND
        if principal.role is Role.SERVICE_POINT and row["district"] != principal.district:
            raise Forbidden("district_forbidden", "服务网点只能关闭本辖区的岗位")
        await repository.close(conn, vacancy_id)
        row = await repository.get(conn, vacancy_id)
    return VacancyRead(**dict(row))


async def seekers_for_vacancy(
    conn: asyncpg.Connection, principal: Principal, vacancy_id: uuid.UUID, limit: int
) -> list[VacancyMatch]:
    vacancy = await repository.get(conn, vacancy_id)
    if vacancy is None:
        raise VACANCY_NOT_FOUND
    # A service point matches only its own district's people.
    district = principal.district if principal.role is Role.SERVICE_POINT else None
    scored = []
    for seeker in await job_seekers.active_for_matching(conn, district):
        result = matching.score(seeker, vacancy)
        if result is not None:
            scored.append((seeker, result))
    return [
        VacancyMatch(
            rank=i,
            score=result.points,
            reasons=_reasons(result),
            job_seeker=JobSeekerRead(**{k: v for k, v in dict(seeker).items() if k != "certificates"}),
        )
        for i, (seeker, result) in enumerate(matching.rank(scored)[:limit], start=1)
    ]


async def vacancies_for_seeker(
    conn: asyncpg.Connection, principal: Principal, job_seeker_id: uuid.UUID, limit: int
) -> list[JobSeekerMatch]:
    await get_visible(conn, principal, job_seeker_id)
    seeker = await seeker_for_matching(conn, job_seeker_id)
    scored = []
    for vacancy in await repository.open_with_openings(conn):
        result = matching.score(seeker, vacancy)
        if result is not None:
            scored.append((vacancy, result))
    return [
        JobSeekerMatch(rank=i, score=result.points, reasons=_reasons(result), vacancy=VacancyRead(**dict(vacancy)))
        for i, (vacancy, result) in enumerate(matching.rank(scored)[:limit], start=1)
    ]


async def seeker_for_matching(conn: asyncpg.Connection, job_seeker_id: uuid.UUID) -> asyncpg.Record:
    rows = await job_seekers.active_for_matching(conn, None, job_seeker_id)
    if not rows:
        raise Conflict("job_seeker_not_active", "该求职人员不在求职状态, 不能匹配岗位", "job_seeker_id")
    return rows[0]
