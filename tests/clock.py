"""The services' clock in API tests, and the wall clock pinned for the pinned-instant runs.

``TestClock`` follows the wall clock until a test moves it. The wall clock is China time's
(R-TIME-1) only through ``shared.clock``; in CI it is pinned with time-machine at instants where
China's date differs from UTC's (``UIS_TEST_PINNED_AT``, see scripts/test.sh), so a test that
confused the two fails whatever the hour the suite runs at.
"""

from __future__ import annotations

import datetime as dt
import os

from shared.clock import china_date, utc_now

PINNED_AT_VARIABLE = "UIS_TEST_PINNED_AT"


def pin_wall_clock_from_environment() -> dt.datetime | None:
    """Pin the process's wall clock when ``UIS_TEST_PINNED_AT`` holds an ISO instant. It stands
    still (tick=False): every test of the run sees that very moment, so none can cross midnight
    half-way. Asyncio, asyncpg and timeouts use the monotonic clock, which is not pinned."""
    value = os.environ.get(PINNED_AT_VARIABLE)
    if not value:
        return None
    import time_machine

    instant = dt.datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise ValueError(f"{PINNED_AT_VARIABLE} must carry its offset, e.g. 2026-12-01T17:30:00+00:00")
    time_machine.travel(instant, tick=False).start()
    return instant


class TestClock:
    """A ``shared.clock.Clock``: the wall clock, or the instant a test set."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self) -> None:
        self.at: dt.datetime | None = None

    async def now(self) -> dt.datetime:
        return self.instant()

    def instant(self) -> dt.datetime:
        return self.at or utc_now()

    def today(self) -> dt.date:
        return china_date(self.instant())

    def shift(self, **delta: float) -> None:
        """Move the clock by ``timedelta(**delta)`` from where it is."""
        self.at = self.instant() + dt.timedelta(**delta)
