"""The one clock of the system (R-TIME-1): the agency works in China Standard Time.

"Today", event dates, due dates, month boundaries and day counts are China dates, whatever the
server's time zone. Everything that needs the time reads it here:

- services get a :class:`Clock` through one injected dependency (``shared.deps.Now``), read once
  per request, so a request that straddles midnight sees one date;
- workflows convert ``workflow.now()`` with :func:`china_date` (deterministic, no I/O);
- security timestamps (token ``iat``/``exp``) use :func:`utc_now`, the wall clock.

This is the only module that calls ``datetime.now``: ``tests/shared/test_clock.py`` scans the
source tree for any other call. Tests pin the wall clock with time-machine, or inject a clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

CHINA_TZ = ZoneInfo("Asia/Shanghai")


def utc_now() -> dt.datetime:
    """The wall clock, timezone-aware (UTC)."""
    return dt.datetime.now(dt.UTC)


def china_date(instant: dt.datetime) -> dt.date:
    """The China date at ``instant`` (an aware datetime): 2026-12-01T17:30Z → 2026-12-02."""
    if instant.tzinfo is None:
        raise ValueError("china_date needs a timezone-aware datetime")
    return instant.astimezone(CHINA_TZ).date()


def start_of_china_day(day: dt.date) -> dt.datetime:
    """00:00 China time on ``day``: when a date-based deadline or benefit month begins."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=CHINA_TZ)


def china_today() -> dt.date:
    """China's today by the wall clock, for code outside a request (CLIs, set-up scripts)."""
    return china_date(utc_now())


@dataclass(frozen=True)
class Moment:
    """One reading of a clock: the instant, and China's date at it."""

    instant: dt.datetime

    @property
    def today(self) -> dt.date:
        return china_date(self.instant)

    @property
    def china(self) -> dt.datetime:
        return self.instant.astimezone(CHINA_TZ)


class Clock(Protocol):
    """Where "now" comes from. Asynchronous, so that a test harness can follow the time of a
    Temporal time-skipping server."""

    async def now(self) -> dt.datetime: ...


class SystemClock:
    """The production clock: the wall clock."""

    async def now(self) -> dt.datetime:
        return utc_now()


async def read(clock: Clock) -> Moment:
    instant = await clock.now()
    if instant.tzinfo is None:
        raise ValueError("a Clock must return a timezone-aware datetime")
    return Moment(instant)
