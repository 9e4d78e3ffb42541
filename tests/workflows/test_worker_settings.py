"""The worker's tuning settings (issue 13 item 3, README "Scale"): read from the environment,
defaults as the Temporal SDK's, nonsense refused at start-up."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workflows.settings import WorkerSettings


def test_tuning_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKER_MAX_CONCURRENT_WORKFLOW_TASKS", "8")
    monkeypatch.setenv("WORKER_MAX_CACHED_WORKFLOWS", "250")
    settings = WorkerSettings()
    assert (settings.max_concurrent_workflow_tasks, settings.max_cached_workflows) == (8, 250)
    assert settings.max_concurrent_activities == 100


@pytest.mark.parametrize("name", ["max_concurrent_workflow_tasks", "max_concurrent_activities", "max_cached_workflows"])
def test_nonsense_tuning_is_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        WorkerSettings(**{name: -1})
