from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.time_skipping import start_time_skipping_server


@pytest.fixture(scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """Temporal's time-skipping test server, shared by the workflow tests."""
    env = await start_time_skipping_server()
    try:
        yield env
    finally:
        await env.shutdown()
