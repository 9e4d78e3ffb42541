from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.stack import FaultStack, start_stack, stop_stack


@pytest.fixture(scope="package")
def stack() -> Iterator[FaultStack]:
    """The fault suite's own stack of real processes (its own PostgreSQL cluster and Temporal dev
    server too), under /var/tmp so that the postgres user can reach the cluster's folder."""
    work = Path(tempfile.mkdtemp(prefix="uis-faults-", dir="/var/tmp"))
    work.chmod(0o755)
    stack = start_stack(work)
    try:
        yield stack
    finally:
        stop_stack(stack)
        if not os.environ.get("UIS_KEEP_FAULT_LOGS"):
            shutil.rmtree(work, ignore_errors=True)
