"""Identifier validation and masking (DOMAIN.md, "Identifiers and validation").

National ID numbers (GB 11643-1999) are checked with python-stdnum's parts: length, check
character (ISO 7064 MOD 11-2), a real birth date not in the future, a known province code.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric

from shared.clock import china_today
from shared.inputs import EARLIEST_BIRTH

# ASCII digits, and \Z: "$" would also match before a trailing newline.
DISTRICT_RE = re.compile(r"^[1-8][0-9]{5}\Z")


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the compact 18-character ID number or raise ``ValueError("code: message")``.

    Not ``ric.validate`` as a whole: it also requires the county code to have existed in the
    birth year, which refuses real numbers issued later (codes date from 1983 on, and people
    born before got them). The province part of the area code is checked instead.
    """
    number = ric.compact(value).upper()
    if len(number) != 18:
        raise ValueError("invalid_id_number_length: 公民身份号码应为18位")
    if not number.isascii() or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValueError("invalid_id_number_format: 公民身份号码格式错误")
    if ric.calc_check_digit(number) != number[17]:
        raise ValueError("invalid_id_number_checksum: 公民身份号码校验码错误")
    try:
        birth = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise ValueError("invalid_id_number_component: 公民身份号码中的出生日期无效") from None
    # A sanity check of the number itself, outside any request: the wall clock's China date.
    if birth > (today or china_today()):
        raise ValueError("invalid_id_number_component: 公民身份号码中的出生日期晚于今天")
    if birth < EARLIEST_BIRTH:
        raise ValueError(f"invalid_id_number_component: 公民身份号码中的出生日期早于 {EARLIEST_BIRTH.year} 年")
    if not any("province" in props for _, props in numdb.get("cn/loc").info(number[:6])):
        raise ValueError("invalid_id_number_component: 公民身份号码中的地区码无效")
    return number


# 劳动法 第15条: no one is employed before the age of 16.
MIN_WORKING_AGE = 16


def working_age_from(number: str) -> dt.date:
    """The 16th birthday of the person a validated ID number names (29 February → 1 March): no
    hire or separation of theirs can be earlier (the person's plausible working life)."""
    birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    try:
        return birth.replace(year=birth.year + MIN_WORKING_AGE)
    except ValueError:
        return dt.date(birth.year + MIN_WORKING_AGE, 3, 1)


def validate_district(value: str) -> str:
    if not DISTRICT_RE.match(value):
        raise ValueError("invalid_district: 行政区划代码应为6位数字")
    return value


def mask_id_number(number: str) -> str:
    """``430102199001011234`` → ``4301**********1234`` (PIPL art. 28: sensitive by default)."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """``张三丰`` → ``张**``: keep the family name only."""
    if not name:
        return name
    return name[0] + "*" * (len(name) - 1)
