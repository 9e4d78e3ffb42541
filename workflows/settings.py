from __future__ import annotations

from pydantic import AnyHttpUrl
from pydantic_settings import SettingsConfigDict

from shared.settings import CommonSettings


class WorkerSettings(CommonSettings):
    """The journey worker: where the three services answer."""

    model_config = SettingsConfigDict(env_prefix="WORKER_", extra="ignore", frozen=True)

    registration_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8001")
    benefits_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8002")
    employment_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8003")
    http_timeout_seconds: float = 10.0
