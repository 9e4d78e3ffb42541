from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import ServiceSettings


class RegistrationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRATION_", extra="ignore", frozen=True)

    database_url: str = Field(default_factory=lambda: local.database_url("registration"))
