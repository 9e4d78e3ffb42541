from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query, Response, status

from services.employment.training import service
from services.employment.training.schemas import (
    CourseCreate,
    CourseRead,
    ProviderCreate,
    ProviderRead,
)
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, Text

router = APIRouter(tags=["vocational training"])

readers = require_roles(
    Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.SYSTEM
)
managers = require_roles(Role.CASE_MANAGER, Role.OPERATIONS)


@router.post(
    "/training-providers",
    response_model=ProviderRead,
    status_code=status.HTTP_201_CREATED,
    summary="登记培训机构; 200 when repeated",
)
async def create_provider(
    body: ProviderCreate,
    response: Response,
    principal: Principal = Depends(managers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> ProviderRead:
    provider, created = await service.create_provider(conn, principal, body)
    created_or_repeated(response, created)
    return provider


@router.get("/training-providers", response_model=list[ProviderRead])
async def list_providers(
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
    _: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
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
    principal: Principal = Depends(managers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> CourseRead:
    course, created = await service.create_course(conn, principal, body)
    created_or_repeated(response, created)
    return course


@router.get("/courses", response_model=list[CourseRead])
async def list_courses(
    occupation: Text | None = Query(None, max_length=50),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
    _: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[CourseRead]:
    return await service.list_courses(conn, occupation, limit, offset)


@router.get("/courses/{course_id}", response_model=CourseRead)
async def get_course(
    course_id: uuid.UUID,
    _: Principal = Depends(readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> CourseRead:
    return await service.get_course(conn, course_id)
