"""Pyflakes' checks over the whole tree (ruff, ``select = ["F"]`` in pyproject.toml): no unused
import, no undefined or shadowed name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_pyflakes_finding() -> None:
    run = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "--no-cache", "--output-format", "concise",
         "contracts", "shared", "services", "workflows", "tests", "scripts"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
