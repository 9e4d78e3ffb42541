"""The building blocks of every request schema (issue 9, item 3: a clean answer to every input).

Each input field of the three services is one of these types, so a value is refused with 422
``{code, message, field}`` where it enters, never by PostgreSQL (a 500) and never silently changed:

- ``Text`` (one line) and ``MultilineText``: no NUL or other control characters (PostgreSQL refuses
  NUL; a line break in a name breaks a CSV or a bank file), no bidi overrides or isolates
  (U+202A–U+202E, U+2066–U+2069: the text reads differently from what is stored), no zero-width or
  invisible characters (U+200B–U+200F, U+2060–U+2064, U+FEFF BOM): code ``invalid_characters``.
- ``Money``: a Decimal with at most two places (yuan and fen), at most 12 digits; never rounded.
- ``StrictInt``: a JSON integer (``true`` is not 1, ``"5"`` is not 5) in PostgreSQL's ``bigint``;
  ``Offset``, ``Limit``-style bounds and ``RowId`` for query and path integers.
- ``Date`` and its kin: a date in a range that fits its meaning (``1950-01-01``–``2099-12-31`` for
  the agency's events, from 1900 for a founding); ``Instant`` likewise for a datetime. Where
  "today" matters the service checks against its clock (``shared.validation.not_after`` /
  ``not_before``), since a schema cannot read the request's clock (R-TIME-1).
- ``month_type``: a ``YYYY-MM`` month from 1950-01 to 2099-12.

``tests/shared/test_input_types.py`` checks that every operation's body, query and path inputs use
them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import AfterValidator, Field, Strict, WithJsonSchema

from contracts.calendar import YearMonth

# --- text ------------------------------------------------------------------------------------

# C0 and C1 controls except the ones a multi-line text may keep (\n), DEL; zero-width and
# invisible formatting (ZWSP, ZWNJ, ZWJ, LRM, RLM, word joiner, invisible operators, BOM); bidi
# embeddings, overrides and isolates, the Arabic letter mark; line and paragraph separators;
# interlinear annotation marks.
_INVISIBLE = r"\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
_SINGLE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f" + _INVISIBLE + "]")
_MULTI_LINE_FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f" + _INVISIBLE + "]")
INVALID_CHARACTERS = (
    "invalid_characters: 含有不允许的字符 (控制字符、换行、双向控制字符或零宽字符)"
)


def has_forbidden_characters(value: str) -> bool:
    """What ``Text`` refuses, for text that does not come through a schema (a bank return file)."""
    return _SINGLE_LINE_FORBIDDEN.search(value) is not None


def check_text(value: str) -> str:
    """One line of text: a name, an address, a reference, a reason."""
    if _SINGLE_LINE_FORBIDDEN.search(value):
        raise ValueError(INVALID_CHARACTERS)
    return value


def check_multiline_text(value: str) -> str:
    """Free text that may have paragraphs (``\\n``; ``\\r\\n`` is kept as ``\\n``)."""
    value = value.replace("\r\n", "\n")
    if _MULTI_LINE_FORBIDDEN.search(value):
        raise ValueError(INVALID_CHARACTERS)
    return value


check_text.checks_characters = True  # type: ignore[attr-defined]
check_multiline_text.checks_characters = True  # type: ignore[attr-defined]
Text = Annotated[str, AfterValidator(check_text)]
MultilineText = Annotated[str, AfterValidator(check_multiline_text)]

# Area codes (行政区划代码): ASCII digits only (a pattern's \d would take full-width digits).
_DISTRICT_RE = re.compile(r"[1-8][0-9]{5}")
_CITY_RE = re.compile(r"[1-8][0-9]{3}00")


def check_district(value: str) -> str:
    if not _DISTRICT_RE.fullmatch(value):
        raise ValueError("invalid_district: 行政区划代码应为6位数字")
    return value


def check_city(value: str) -> str:
    if not _CITY_RE.fullmatch(value):
        raise ValueError("invalid_city: 地市代码应为以00结尾的6位数字")
    return value


check_district.checks_characters = True  # type: ignore[attr-defined]
check_city.checks_characters = True  # type: ignore[attr-defined]
District = Annotated[str, AfterValidator(check_district), WithJsonSchema({"type": "string", "pattern": r"^[1-8][0-9]{5}$", "examples": ["430102"]})]
City = Annotated[str, AfterValidator(check_city), WithJsonSchema({"type": "string", "pattern": r"^[1-8][0-9]{3}00$", "examples": ["430100"]})]

# --- numbers ---------------------------------------------------------------------------------

BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1

# A JSON integer; a boolean or a string of digits is refused (``capacity: true`` is not 1). Each
# field gives its own bounds (``Field(ge=…, le=…)``; the input check test requires them): bounds
# here would override the field's, as pydantic applies the last constraint given.
StrictInt = Annotated[int, Strict()]
# Paging: an offset past any table is an empty page, not an overflow in the database driver.
OFFSET_MAX = INT_MAX
# A bigserial row ID in a path (payroll runs): a number past bigint is no row, not an overflow.
ROW_ID_MAX = BIGINT_MAX
RowId = Annotated[int, Ge(1), Le(ROW_ID_MAX)]

# Money in: at most two decimals (yuan and fen), below ten billion (it fits every numeric(12, 2)
# column); 0.001 is refused, not rounded.
Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]

# --- dates -----------------------------------------------------------------------------------

EARLIEST_EVENT = dt.date(1950, 1, 1)  # the earliest date the agency records (hires, contributions…)
EARLIEST_FOUNDING = dt.date(1900, 1, 1)  # an employer founded long before unemployment insurance
EARLIEST_BIRTH = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)  # the far bound; the clock gives the near one where it matters

_DATE_RANGE_MESSAGE = "date_out_of_range: 日期应在 {earliest} 至 {latest} 之间"


def date_between(earliest: dt.date, latest: dt.date = LATEST_DATE) -> AfterValidator:
    message = _DATE_RANGE_MESSAGE.format(earliest=earliest.isoformat(), latest=latest.isoformat())

    def check(value: dt.date) -> dt.date:
        if not earliest <= value <= latest:
            raise ValueError(message)
        return value

    check.date_range = (earliest, latest)  # type: ignore[attr-defined]
    return AfterValidator(check)


def _instant_between(earliest: dt.date, latest: dt.date) -> AfterValidator:
    low = dt.datetime.combine(earliest, dt.time.min)
    high = dt.datetime.combine(latest, dt.time.max)
    message = _DATE_RANGE_MESSAGE.format(earliest=earliest.isoformat(), latest=latest.isoformat())

    def check(value: dt.datetime) -> dt.datetime:
        # Compared as wall-clock time, so an offset cannot push the instant out of datetime's
        # range (0001-01-01T00:00:00+03:25 would overflow when converted to UTC).
        if not low <= value.replace(tzinfo=None) <= high:
            raise ValueError(message)
        if value.tzinfo is not None:
            offset = value.utcoffset()
            if offset is not None and abs(offset) > dt.timedelta(hours=14):
                raise ValueError("invalid_utc_offset: 时区偏移应在 ±14:00 以内")
        return value

    check.date_range = (earliest, latest)  # type: ignore[attr-defined]
    return AfterValidator(check)


Date = Annotated[dt.date, date_between(EARLIEST_EVENT)]
FoundingDate = Annotated[dt.date, date_between(EARLIEST_FOUNDING)]
Instant = Annotated[dt.datetime, _instant_between(EARLIEST_EVENT, LATEST_DATE)]

# --- months ----------------------------------------------------------------------------------

MONTH_PATTERN = r"^(19[5-9]\d|20\d\d)-(0[1-9]|1[0-2])$"  # 1950-01 … 2099-12
EARLIEST_MONTH = dt.date(1950, 1, 1)


def parse_month(value: Any, *, code: str = "invalid_month", earliest: dt.date = EARLIEST_MONTH) -> dt.date:
    """``"2026-03"`` → ``date(2026, 3, 1)``, or ``ValueError("code: message")`` for anything that
    is not a month from ``earliest`` to 2099-12."""
    try:
        first = YearMonth.parse(value).first_day
    except ValueError:
        first = None
    if first is None or not earliest <= first <= LATEST_DATE:
        raise ValueError(
            f"{code}: 月份应为 YYYY-MM 格式, 在 {earliest:%Y-%m} 至 {LATEST_DATE:%Y-%m} 之间"
        )
    return first


def month_type(code: str = "invalid_month", *, earliest: dt.date = EARLIEST_MONTH) -> Any:
    """A ``YYYY-MM`` string, checked (with ``code`` when it is not a month in range) and kept."""

    def check(value: str) -> str:
        parse_month(value, code=code, earliest=earliest)
        return value

    check.checks_characters = True  # type: ignore[attr-defined]  # digits and a hyphen only

    pattern = MONTH_PATTERN if earliest == EARLIEST_MONTH else None
    schema: dict[str, Any] = {"type": "string", "examples": ["2026-03"]}
    if pattern:
        schema["pattern"] = pattern
    return Annotated[str, AfterValidator(check), WithJsonSchema(schema)]


Month = month_type()
