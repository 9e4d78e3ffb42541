"""What the scale run reads about the machine's processes: proportional set size (PSS, from
/proc/<pid>/smaps_rollup) rather than RSS, because PostgreSQL's backends share their buffers and
RSS would count the shared memory once per backend."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PROC = Path("/proc")


def pss_bytes(pid: int) -> int:
    """The process's PSS; 0 when it has gone or is not readable."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _pids() -> Iterable[int]:
    return (int(p.name) for p in PROC.iterdir() if p.name.isdigit())


def descendants(root: int) -> list[int]:
    """Every process below ``root`` (children, their children…)."""
    parents = {pid: _parent(pid) for pid in _pids()}
    found, frontier = [], {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found += frontier
    return found


def matching(pids: Iterable[int], fragment: str) -> list[int]:
    return [pid for pid in pids if fragment in _cmdline(pid)]


def named(executable: str) -> list[int]:
    """Processes whose executable's base name is ``executable`` (all of PostgreSQL's: "postgres")."""
    found = []
    for pid in _pids():
        try:
            if os.path.basename(os.readlink(PROC / str(pid) / "exe")) == executable:
                found.append(pid)
        except OSError:
            continue
    return found


def total_pss(pids: Iterable[int]) -> int:
    return sum(pss_bytes(pid) for pid in pids)
