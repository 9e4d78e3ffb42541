from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class EmploymentSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EMPLOYMENT_", extra="ignore", frozen=True)

    database_url: str = "postgresql://employment:employment@127.0.0.1:54329/uis"
