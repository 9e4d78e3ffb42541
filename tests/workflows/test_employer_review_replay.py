"""Determinism guard for EmployerReview: recorded histories of released versions must replay on
the current code (a change that breaks one needs ``workflow.patched()``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from workflows.employer_review import EmployerReview

HISTORIES = sorted((Path(__file__).parent / "employer_review_histories").glob("*.json"))


def test_there_is_a_recorded_history() -> None:
    assert HISTORIES


@pytest.mark.parametrize("path", HISTORIES, ids=[p.stem for p in HISTORIES])
async def test_recorded_history_replays_on_current_code(path: Path) -> None:
    history = WorkflowHistory.from_json("employer-review-golden", path.read_text())
    replayer = Replayer(workflows=[EmployerReview], data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None, result.replay_failure
