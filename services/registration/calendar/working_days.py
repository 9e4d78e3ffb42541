"""Working days on the Chinese public-holiday calendar, make-up working days (调休) included.

Holidays are announced a year at a time, so a year is countable only when its table is known:
entered by operations through the API (stored in ``calendar_days``; it wins when present) or
covered by the ``chinese-calendar`` library. Any other year is refused loudly, never guessed as
"Monday to Friday".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import chinese_calendar

from shared.errors import DomainError


class CalendarYearUnknown(DomainError):
    status_code = 409

    def __init__(self, year: int) -> None:
        super().__init__(
            "calendar_year_unknown",
            f"{year}年的节假日安排尚未录入, 无法计算工作日; 请运营人员先录入该年度日历",
            "calendar",
            details={"year": year},
        )
        self.year = year


def library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def library_exceptions(year: int) -> dict[dt.date, tuple[bool, str]]:
    """The library's holidays on weekdays and make-up working days on weekends for ``year``."""
    if not library_knows(year):
        raise CalendarYearUnknown(year)
    days: dict[dt.date, tuple[bool, str]] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        on_duty = chinese_calendar.is_workday(day)
        if on_duty != (day.weekday() < 5):
            _, name = chinese_calendar.get_holiday_detail(day)
            days[day] = (on_duty, str(name or ("调休上班" if on_duty else "休息日")))
        day += dt.timedelta(days=1)
    return days


class WorkingDayCalendar:
    """``operator_years`` maps a year to its exceptions {day: is_working_day}; the rest of that
    year follows Monday–Friday. Years not in it fall back to the library, else are refused."""

    def __init__(self, operator_years: Mapping[int, Mapping[dt.date, bool]] | None = None) -> None:
        self._operator_years = operator_years or {}

    def is_working_day(self, day: dt.date) -> bool:
        table = self._operator_years.get(day.year)
        if table is not None:
            return table.get(day, day.weekday() < 5)
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise CalendarYearUnknown(day.year) from None

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (the day of acceptance itself not counted)."""
        if days < 1:
            raise ValueError("days must be positive")
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def subtract_working_days(self, end: dt.date, days: int) -> dt.date:
        """The working day ``days`` working days before ``end`` (``end`` itself not counted)."""
        day = end
        counted = 0
        while counted < days:
            day -= dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day
