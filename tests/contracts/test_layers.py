"""The layers hold (issue 10): contracts imports nothing of the project, shared/ only contracts,
the services and the workflows both sit on shared/ and never import each other. import-linter
reads the rule from pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_layer_contract_is_kept() -> None:
    run = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "1 kept, 0 broken" in run.stdout


def test_the_check_would_see_a_service_importing_the_worker(tmp_path: Path) -> None:
    """The same rule on a copy of the tree with one forbidden import added fails."""
    ignore = shutil.ignore_patterns("__pycache__", "migrations")
    for package in ("contracts", "shared", "services", "workflows"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    kept = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert "1 kept, 0 broken" in kept.stdout  # the copy is faithful
    (tmp_path / "services" / "registration" / "offender.py").write_text("import workflows.worker  # noqa: F401\n")
    broken = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=tmp_path, capture_output=True,
                            text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert broken.returncode != 0 and "0 kept, 1 broken" in broken.stdout
