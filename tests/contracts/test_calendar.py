"""YearMonth and the month sums (contracts/calendar.py): the one copy of month arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter

from contracts.calendar import YearMonth, add_months, benefit_month_start, calendar_month


def test_parse_and_format_round_trip() -> None:
    assert YearMonth.parse("2026-03") == YearMonth(2026, 3)
    assert str(YearMonth(2026, 3)) == "2026-03"
    assert str(YearMonth(987, 1)) == "0987-01"


@pytest.mark.parametrize("text", ["2026-3", "2026-13", "2026-00", " 2026-03", "2026-03\n", "２０２６-０３", "٢٠٢٦-٠٣", "", "2026/03"])
def test_parse_refuses_what_is_not_a_month(text: str) -> None:
    with pytest.raises(ValueError):
        YearMonth.parse(text)


def test_month_sums_cross_years_and_clamp_to_the_month_end() -> None:
    assert YearMonth(2026, 12).plus(1) == YearMonth(2027, 1)
    assert YearMonth(2026, 1).plus(-1) == YearMonth(2025, 12)
    assert YearMonth(2025, 11).months_until(YearMonth(2027, 2)) == 15
    assert YearMonth(2027, 2).months_until(YearMonth(2025, 11)) == -15
    assert YearMonth(2028, 2).last_day == dt.date(2028, 2, 29)
    assert YearMonth(2027, 2).last_day == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    # R-START: benefit month 2 of a start on 31 January begins on the last day of February.
    assert benefit_month_start(dt.date(2028, 1, 31), 2) == dt.date(2028, 2, 29)
    assert calendar_month(dt.date(2026, 3, 15)) == "2026-03"


def test_pydantic_reads_text_or_a_date_and_writes_text() -> None:
    adapter = TypeAdapter(YearMonth)
    assert adapter.validate_python("2026-03") == YearMonth(2026, 3)
    assert adapter.validate_python(dt.date(2026, 3, 9)) == YearMonth(2026, 3)
    assert adapter.dump_python(YearMonth(2026, 3), mode="json") == "2026-03"
    assert adapter.json_schema()["pattern"] == r"^\d{4}-(0[1-9]|1[0-2])$"
