"""The working-day calendar as the service uses it: operator tables from the database first,
the library next, refusal otherwise (see working_days.py)."""

from __future__ import annotations

import datetime as dt

import asyncpg

from services.registration.audit import service as audit
from services.registration.calendar import repository
from services.registration.calendar.schemas import (
    CalendarDay,
    CalendarYearRead,
    CalendarYearUpdate,
    DeadlineRead,
)
from services.registration.calendar.working_days import (
    CalendarYearUnknown,
    WorkingDayCalendar,
    library_exceptions,
)
from shared.auth import Principal
from shared.errors import InvalidInput


async def load_calendar(conn: asyncpg.Connection, start: dt.date) -> WorkingDayCalendar:
    """The calendar for counting from ``start`` (a deadline reaches at most into the next year)."""
    years = [start.year - 1, start.year, start.year + 1]
    return WorkingDayCalendar(await repository.years_with_days(conn, years))


async def due_date(conn: asyncpg.Connection, start: dt.date, working_days: int) -> dt.date:
    calendar = await load_calendar(conn, start)
    return calendar.add_working_days(start, working_days)


async def deadline(conn: asyncpg.Connection, start: dt.date, working_days: int) -> DeadlineRead:
    return DeadlineRead(
        start=start, working_days=working_days, due_on=await due_date(conn, start, working_days)
    )


async def put_year(
    conn: asyncpg.Connection, principal: Principal, year: int, data: CalendarYearUpdate
) -> CalendarYearRead:
    for index, day in enumerate(data.days):
        if day.day.year != year:
            raise InvalidInput(
                "calendar_day_outside_year", f"日期 {day.day} 不属于 {year} 年", f"days.{index}.day"
            )
    async with conn.transaction():
        before = await get_year(conn, year, missing_ok=True)
        await repository.replace_year(
            conn,
            year=year,
            source=data.source,
            entered_by=principal.subject,
            days=[(d.day, d.is_working_day, d.name) for d in data.days],
        )
        after = await get_year(conn, year)
        await audit.record(
            conn,
            principal,
            entity_type="calendar_year",
            entity_id=str(year),
            action="calendar_year_entered",
            before=None if before is None else before.model_dump(),
            after=after.model_dump(),
            reason=data.source,
        )
    return after


async def get_year(
    conn: asyncpg.Connection, year: int, *, missing_ok: bool = False
) -> CalendarYearRead | None:
    entered = await repository.get_year(conn, year)
    if entered is not None:
        rows = await repository.days_of_year(conn, year)
        return CalendarYearRead(
            year=year,
            source=entered["source"],
            origin="operator",
            days=[CalendarDay(**dict(r)) for r in rows],
        )
    if missing_ok:
        return None
    days = library_exceptions(year)  # raises CalendarYearUnknown
    return CalendarYearRead(
        year=year,
        source="chinese-calendar (PyPI)",
        origin="library",
        days=[CalendarDay(day=d, is_working_day=w, name=n) for d, (w, n) in sorted(days.items())],
    )


__all__ = ["CalendarYearUnknown", "deadline", "due_date", "get_year", "load_calendar", "put_year"]
