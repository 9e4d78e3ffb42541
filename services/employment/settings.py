from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import ServiceSettings


class EmploymentSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EMPLOYMENT_", extra="ignore", frozen=True)

    # The service's own database role (its schema) and migrations (applied by uis-migrate).
    DATABASE_ROLE: ClassVar[str] = "employment"
    MIGRATIONS: ClassVar[Path] = Path(__file__).resolve().parent / "migrations"

    database_url: str = Field(default_factory=lambda: local.database_url("employment"))
    # The registration service: a job-seeker registration names a 失业登记, checked there.
    registration_url: str = Field(default_factory=lambda: local.service_url("registration"))
