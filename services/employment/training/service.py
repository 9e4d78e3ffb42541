"""Vocational training (职业培训): providers and their courses, and the first training offer a
person on benefit is due within a policy number of days of registering as a job seeker."""

from __future__ import annotations

import uuid

import asyncpg

from services.employment.training import repository
from services.employment.training.schemas import (
    CourseCreate,
    CourseRead,
    ProviderCreate,
    ProviderRead,
)
from shared.auth import Principal
from shared.errors import Conflict, NotFound

COURSE_NOT_FOUND = NotFound("course_not_found", "未找到该培训课程", "course_id")


async def create_provider(
    conn: asyncpg.Connection, principal: Principal, data: ProviderCreate
) -> tuple[ProviderRead, bool]:
    async with conn.transaction():
        row, created = await repository.insert_provider_once(
            conn, name=data.name, uscc=data.uscc, district=data.district, created_by=principal.subject
        )
    if not created and (row["name"], row["uscc"], row["district"]) != (data.name, data.uscc, data.district):
        raise Conflict("provider_exists", "同名或同一信用代码的培训机构已登记", "name")
    return ProviderRead(**dict(row)), created


async def list_providers(conn: asyncpg.Connection, limit: int, offset: int) -> list[ProviderRead]:
    return [ProviderRead(**dict(r)) for r in await repository.list_providers(conn, limit, offset)]


async def create_course(
    conn: asyncpg.Connection, principal: Principal, data: CourseCreate
) -> tuple[CourseRead, bool]:
    values = data.model_dump()
    async with conn.transaction():
        if await repository.get_provider(conn, data.provider_id) is None:
            raise NotFound("provider_not_found", "未找到该培训机构", "provider_id")
        row, created = await repository.insert_course_once(conn, values, principal.subject)
    if not created and any(row[k] != values[k] for k in values):
        raise Conflict("course_exists", "该机构已有同一编号的课程且内容不同", "code")
    return CourseRead(**dict(row)), created


async def get_course(conn: asyncpg.Connection, course_id: uuid.UUID) -> CourseRead:
    row = await repository.get_course(conn, course_id)
    if row is None:
        raise COURSE_NOT_FOUND
    return CourseRead(**dict(row))


async def list_courses(
    conn: asyncpg.Connection, occupation: str | None, limit: int, offset: int
) -> list[CourseRead]:
    return [CourseRead(**dict(r)) for r in await repository.list_courses(conn, occupation, limit, offset)]
