from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.registration.calendar import service
from services.registration.calendar.auth import CalendarReader, CalendarWriter
from services.registration.calendar.schemas import (
    CalendarYearRead,
    CalendarYearUpdate,
    DeadlineRead,
)
from shared.deps import Conn
from shared.inputs import Date

router = APIRouter(prefix="/calendar", tags=["working-day calendar"])


@router.put(
    "/years/{year}",
    response_model=CalendarYearRead,
    summary="录入年度节假日安排 (holidays and 调休 working days); replaces that year's table",
)
async def put_calendar_year(
    body: CalendarYearUpdate,
    principal: CalendarWriter,
    conn: Conn,
    year: int = Path(ge=1990, le=2200),
) -> CalendarYearRead:
    return await service.put_year(conn, principal, year, body)


@router.get(
    "/years/{year}",
    response_model=CalendarYearRead,
    summary="A year's exceptions to Monday–Friday; 409 calendar_year_unknown when not announced",
)
async def get_calendar_year(
    _: CalendarReader,
    conn: Conn,
    year: int = Path(ge=1990, le=2200),
) -> CalendarYearRead:
    result = await service.get_year(conn, year)
    assert result is not None
    return result


@router.get(
    "/deadline",
    response_model=DeadlineRead,
    summary="The date that is N working days after a start date (the start day not counted)",
)
async def get_deadline(
    start: Annotated[Date, Query(examples=["2026-09-28"])],
    _: CalendarReader,
    conn: Conn,
    working_days: int = Query(10, ge=1, le=60),
) -> DeadlineRead:
    return await service.deadline(conn, start, working_days)
