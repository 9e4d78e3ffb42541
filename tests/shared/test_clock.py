"""R-TIME-1: one clock. China dates from any instant, and no other module reads the wall clock."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from shared.clock import CHINA_TZ, Moment, SystemClock, china_date, read, start_of_china_day

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("services", "shared", "workflows", "tests", "benchmarks", "scripts")
THE_CLOCK = ROOT / "shared" / "clock.py"


@pytest.mark.parametrize(
    ("instant", "china_day"),
    [
        ("2026-12-01T15:59:59+00:00", "2026-12-01"),
        ("2026-12-01T16:00:00+00:00", "2026-12-02"),  # midnight in China, 16:00 UTC
        ("2026-12-31T16:30:00+00:00", "2027-01-01"),  # China's new year while UTC is still in 2026
        ("2028-02-28T16:30:00+00:00", "2028-02-29"),  # China's 29 February
        ("2027-01-31T15:59:00+00:00", "2027-01-31"),  # 23:59 China time, the month's last minute
        ("2027-01-31T23:59:00-08:00", "2027-02-01"),  # any offset converts, not only UTC
    ],
)
def test_china_date_of_an_instant(instant: str, china_day: str) -> None:
    assert china_date(dt.datetime.fromisoformat(instant)).isoformat() == china_day


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError):
        china_date(dt.datetime(2026, 12, 1, 17, 30))


def test_a_china_day_starts_at_16_utc_the_day_before() -> None:
    start = start_of_china_day(dt.date(2027, 1, 1))
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)
    assert start.tzinfo is CHINA_TZ


async def test_the_system_clock_reads_an_aware_instant() -> None:
    moment = await read(SystemClock())
    assert moment.instant.tzinfo is not None
    assert moment.today == china_date(moment.instant)


def test_a_moment_shows_the_china_time() -> None:
    moment = Moment(dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC))
    assert (moment.today, moment.china.hour, moment.china.minute) == (dt.date(2026, 12, 2), 1, 30)


def _wall_clock_reads(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if node.func.attr in ("today", "now", "utcnow") and owner_name in ("date", "datetime"):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {owner_name}.{node.func.attr}()")
    return found


def test_nothing_but_the_clock_module_reads_the_wall_clock() -> None:
    files = [p for d in SCANNED for p in (ROOT / d).rglob("*.py") if p != THE_CLOCK]
    assert len(files) > 100  # the scan sees the source tree
    reads = [hit for path in files for hit in _wall_clock_reads(path)]
    assert reads == [], "use shared.clock (R-TIME-1):\n" + "\n".join(reads)


def test_the_scan_finds_a_wall_clock_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import datetime as dt\nx = dt.date.today()\ny = dt.datetime.now(dt.UTC)\n")
    assert len(_wall_clock_reads(sample, tmp_path)) == 2
