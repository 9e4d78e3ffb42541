from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import ServiceSettings


class RegistrationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRATION_", extra="ignore", frozen=True)

    # The service's own database role (its schema) and migrations (applied by uis-migrate).
    DATABASE_ROLE: ClassVar[str] = "registration"
    MIGRATIONS: ClassVar[Path] = Path(__file__).resolve().parent / "migrations"

    database_url: str = Field(default_factory=lambda: local.database_url("registration"))
