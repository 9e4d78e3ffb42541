from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.journeys.harness import Harness, running_harness


@pytest.fixture(scope="package")
async def harness() -> AsyncIterator[Harness]:
    """One harness for the package: its own database and time-skipping server, fresh each run."""
    async with running_harness() as h:
        yield h
