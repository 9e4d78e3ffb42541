"""Working days on the Chinese public-holiday calendar (调休 included), and the loud refusal for
a year whose holidays are not known."""

from __future__ import annotations

import datetime as dt

import pytest

from services.registration.calendar.working_days import (
    CalendarYearUnknown,
    WorkingDayCalendar,
    library_knows,
)


def test_ten_working_days_across_national_day_with_a_make_up_saturday() -> None:
    """Accepted Monday 28 Sep 2026: 1–7 Oct are off (5 weekdays), Saturday 10 Oct is a make-up
    working day (调休上班). Counting 29, 30 Sep, 8, 9, 10 (Sat), 12–16 Oct → Friday 16 Oct."""
    calendar = WorkingDayCalendar()
    assert calendar.is_working_day(dt.date(2026, 10, 10)) is True  # Saturday, 调休
    assert calendar.is_working_day(dt.date(2026, 10, 5)) is False  # Monday, 国庆
    assert calendar.add_working_days(dt.date(2026, 9, 28), 10) == dt.date(2026, 10, 16)
    # Monday–Friday alone would have said 12 Oct; without the make-up day, 19 Oct.
    assert calendar.subtract_working_days(dt.date(2026, 10, 16), 2) == dt.date(2026, 10, 14)


def test_an_unknown_year_is_refused_loudly() -> None:
    year = 2099
    assert not library_knows(year)
    with pytest.raises(CalendarYearUnknown) as refused:
        WorkingDayCalendar().add_working_days(dt.date(year, 3, 2), 10)
    assert refused.value.code == "calendar_year_unknown" and refused.value.details == {"year": year}


def test_a_deadline_reaching_into_an_unknown_year_is_refused() -> None:
    last_known = dt.date(2026, 12, 24)
    if library_knows(2027):
        pytest.skip("the installed chinese-calendar already knows 2027")
    with pytest.raises(CalendarYearUnknown):
        WorkingDayCalendar().add_working_days(last_known, 10)


def test_an_operator_table_makes_a_year_countable_and_wins_over_the_library() -> None:
    table = {
        dt.date(2099, 1, 1): False,  # Thursday, 元旦
        dt.date(2099, 1, 2): False,  # Friday, 元旦
        dt.date(2099, 1, 4): True,  # Sunday, 调休上班
    }
    calendar = WorkingDayCalendar({2099: table, 2098: {}})
    # 31 Dec 2098 (Wed) + 3: 1–2 Jan off, 3 Jan Saturday off, 4 Jan Sunday worked, 5, 6 → 6 Jan.
    assert calendar.add_working_days(dt.date(2098, 12, 31), 3) == dt.date(2099, 1, 6)
    overridden = WorkingDayCalendar({2026: {dt.date(2026, 10, 10): False}})
    assert overridden.is_working_day(dt.date(2026, 10, 10)) is False
