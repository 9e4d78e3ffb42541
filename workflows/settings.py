from __future__ import annotations

from pydantic import AnyHttpUrl, Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import CommonSettings


class WorkerSettings(CommonSettings):
    """The journey worker: where the three services answer."""

    model_config = SettingsConfigDict(env_prefix="WORKER_", extra="ignore", frozen=True)

    registration_url: AnyHttpUrl = Field(default_factory=lambda: AnyHttpUrl(local.service_url("registration")))
    benefits_url: AnyHttpUrl = Field(default_factory=lambda: AnyHttpUrl(local.service_url("benefits")))
    employment_url: AnyHttpUrl = Field(default_factory=lambda: AnyHttpUrl(local.service_url("employment")))
    http_timeout_seconds: float = 10.0
