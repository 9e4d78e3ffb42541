from __future__ import annotations

from pydantic import AnyHttpUrl, Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import CommonSettings
from workflows.service_calls import START_TO_CLOSE


class WorkerSettings(CommonSettings):
    """The journey worker: where the three services answer."""

    model_config = SettingsConfigDict(env_prefix="WORKER_", extra="ignore", frozen=True)

    registration_url: AnyHttpUrl = Field(default_factory=lambda: AnyHttpUrl(local.service_url("registration")))
    benefits_url: AnyHttpUrl = Field(default_factory=lambda: AnyHttpUrl(local.service_url("benefits")))
    employment_url: AnyHttpUrl = Field(default_factory=lambda: AnyHttpUrl(local.service_url("employment")))
    # Shorter than an activity's start-to-close timeout (workflows/service_calls.py), so a slow
    # service fails the attempt with a timeout of its own, which is retried.
    # The worker creates or updates the Temporal Schedules when it starts (workflows/schedules.py).
    ensure_schedules: bool = True
    http_timeout_seconds: float = Field(default=10.0, gt=0, lt=START_TO_CLOSE.total_seconds())
    # Tuning (README "Scale"). Workflow tasks share one Python thread: more in flight than the
    # box can run makes each one slower (past Temporal's 10 s workflow-task timeout they are
    # retried), not the worker faster. A cached workflow keeps its sandbox (about 0.2 MiB).
    max_concurrent_workflow_tasks: int = Field(default=100, ge=2)
    max_concurrent_activities: int = Field(default=100, ge=1)
    max_cached_workflows: int = Field(default=1000, ge=0)
