"""The shared building blocks of request schemas and CSV output (issue 9, item 3)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from shared.csvfile import one_line, record_lines, spreadsheet_cell, spreadsheet_csv
from shared.inputs import (
    City,
    Date,
    District,
    FoundingDate,
    Instant,
    Money,
    Month,
    MultilineText,
    StrictInt,
    Text,
    parse_month,
)


def code_of(error: ValidationError) -> str:
    return str(error.errors()[0]["msg"]).removeprefix("Value error, ").partition(":")[0]


@pytest.mark.parametrize(
    "bad",
    ["\x00", "a\nb", "a\rb", "a\tb", "\x1b[31m", "\x7f", "\x85", "a\u2028b", "a\u2029b",
     "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
     "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c", "\u00ad"],
)
def test_text_refuses_controls_line_breaks_bidi_and_invisible_characters(bad: str) -> None:
    with pytest.raises(ValidationError) as error:
        TypeAdapter(Text).validate_python(f"张{bad}三")
    assert code_of(error.value) == "invalid_characters"


@pytest.mark.parametrize("good", ["张三", "长沙某科技有限公司", "O'Brien-Smith", "Zoë", "A&B (集团)", "第1号 · 2楼", "😀"])
def test_text_accepts_ordinary_names(good: str) -> None:
    assert TypeAdapter(Text).validate_python(good) == good


def test_multiline_text_keeps_paragraphs_only() -> None:
    adapter = TypeAdapter(MultilineText)
    assert adapter.validate_python("第一段\r\n第二段\n第三段") == "第一段\n第二段\n第三段"
    for bad in ("a\rb", "a\x00b", "a\tb", "a\u202eb"):
        with pytest.raises(ValidationError):
            adapter.validate_python(bad)


@pytest.mark.parametrize(
    "value, first",
    [("2026-03", dt.date(2026, 3, 1)), ("1950-01", dt.date(1950, 1, 1)), ("2099-12", dt.date(2099, 12, 1))],
)
def test_a_month_in_range_is_its_first_day(value: str, first: dt.date) -> None:
    assert parse_month(value) == first
    assert TypeAdapter(Month).validate_python(value) == value


@pytest.mark.parametrize("bad", ["0000-01", "0001-01", "1899-12", "1949-12", "2100-01", "9999-12", "2026-13",
                                 "2026-00", "2026-3", "26-03", "２０２６-03", "2026-03\n", " 2026-03", ""])
def test_a_month_of_year_0_or_out_of_range_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="^invalid_report_month: "):
        parse_month(bad, code="invalid_report_month")
    with pytest.raises(ValidationError) as error:
        TypeAdapter(Month).validate_python(bad)
    assert code_of(error.value) == "invalid_month"


def test_dates_have_a_range_fitting_their_meaning() -> None:
    for bad in ("0001-01-01", "1949-12-31", "2100-01-01", "9999-12-31"):
        with pytest.raises(ValidationError) as error:
            TypeAdapter(Date).validate_python(bad)
        assert code_of(error.value) == "date_out_of_range"
    assert TypeAdapter(Date).validate_python("1950-01-01") == dt.date(1950, 1, 1)
    assert TypeAdapter(FoundingDate).validate_python("1905-06-01") == dt.date(1905, 6, 1)
    with pytest.raises(ValidationError):
        TypeAdapter(FoundingDate).validate_python("0001-01-01")


def test_an_instant_out_of_range_is_refused_without_overflow() -> None:
    adapter = TypeAdapter(Instant)
    for bad in ("0001-01-01T00:00:00+03:25", "9999-12-31T23:59:59-23:59", "1900-01-01T00:00:00"):
        with pytest.raises(ValidationError) as error:
            adapter.validate_json(f'"{bad}"')
        assert code_of(error.value) == "date_out_of_range"
    assert adapter.validate_json('"2026-11-02T09:30:00+08:00"').utcoffset() == dt.timedelta(hours=8)


def test_strict_int_is_a_json_integer_within_the_fields_own_bounds() -> None:
    class Body(BaseModel):
        capacity: StrictInt = Field(gt=0, le=1000)

    assert Body.model_validate_json('{"capacity": 30}').capacity == 30
    for bad in ("true", '"30"', "30.0", "0", "1001", str(2**63)):
        with pytest.raises(ValidationError):
            Body.model_validate_json(f'{{"capacity": {bad}}}')


def test_money_has_two_places_and_is_never_rounded() -> None:
    adapter = TypeAdapter(Money)
    assert adapter.validate_json('"1800.50"') == Decimal("1800.50")
    for bad in ("0.001", '"0.001"', '"NaN"', '"Infinity"', "true", "1e20"):
        with pytest.raises(ValidationError):
            adapter.validate_json(bad)


def test_area_codes_are_ascii_digits() -> None:
    assert TypeAdapter(District).validate_python("430102") == "430102"
    assert TypeAdapter(City).validate_python("430100") == "430100"
    for bad in ("４３０１０２", "430102\n", "43010", "030102"):
        with pytest.raises(ValidationError):
            TypeAdapter(District).validate_python(bad)
    with pytest.raises(ValidationError):
        TypeAdapter(City).validate_python("430102")


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, cell",
    [("=1+1", "'=1+1"), ("+86 731", "'+86 731"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\t=1", "' =1"), ("\r=1", "' =1"), ("张三", "张三"), ("-12.50", "-12.50"), (Decimal("-3.00"), "-3.00"),
     (7, "7"), (None, ""), ("a\nb", "a b"), ("a\r\nb", "a  b")],
)
def test_a_spreadsheet_cell_never_starts_a_formula_nor_breaks_a_line(value: object, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def test_a_stored_line_break_never_adds_a_line() -> None:
    text = record_lines([["D", "1", "张\n三"], ["D", "2", "李\r四\u2028"]])
    assert text.split("\n") == ["D,1,张 三", "D,2,李 四 ", ""]
    assert one_line("x\x00y") == "x y"
    sheet = spreadsheet_csv(["姓名"], [["=cmd|' /C calc'!A0"], ["王\n五"]])
    assert sheet.startswith("\ufeff") and sheet.count("\r\n") == 3
    assert [row for row in csv.reader(io.StringIO(sheet.removeprefix("\ufeff")))] == [
        ["姓名"], ["'=cmd|' /C calc'!A0"], ["王 五"]
    ]
