from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from workflows.search_attributes import register_search_attributes

ROOT = Path(__file__).resolve().parents[2]
TEST_SERVER = ROOT / ".tools" / "bin" / "temporal-test-server"


@pytest.fixture(scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """Temporal's time-skipping test server (Java, installed by scripts/setup.sh)."""
    if not TEST_SERVER.exists():
        pytest.fail(f"{TEST_SERVER} is missing: run scripts/setup.sh (make setup)")
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter, test_server_existing_path=str(TEST_SERVER)
    )
    try:
        await register_search_attributes(env.client)
        yield env
    finally:
        await env.shutdown()
