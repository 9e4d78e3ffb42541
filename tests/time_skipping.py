"""Temporal's time-skipping test server (Java, installed by scripts/setup.sh), as the workflow
tests and the whole-journey harness start it."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from workflows.search_attributes import register_search_attributes

TEST_SERVER = Path(__file__).resolve().parents[1] / ".tools" / "bin" / "temporal-test-server"


async def start_time_skipping_server() -> WorkflowEnvironment:
    if not TEST_SERVER.exists():
        pytest.fail(f"{TEST_SERVER} is missing: run scripts/setup.sh (make setup)")
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter, test_server_existing_path=str(TEST_SERVER)
    )
    await register_search_attributes(env.client)
    return env
