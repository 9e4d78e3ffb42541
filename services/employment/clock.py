"""The service's clock and the agency's calendar: China Standard Time (UTC+8).

Dates people see (report months, reported-on dates, statistics months) are China dates, whatever
the server's time zone. Routes take ``now`` from ``get_now`` so tests can set a month boundary.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def get_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def china_date(at: dt.datetime) -> dt.date:
    return at.astimezone(CHINA).date()


def month_of(day: dt.date) -> str:
    return f"{day:%Y-%m}"
