from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import ServiceSettings


class EmploymentSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EMPLOYMENT_", extra="ignore", frozen=True)

    database_url: str = Field(default_factory=lambda: local.database_url("employment"))
    # The registration service: a job-seeker registration names a 失业登记, checked there.
    registration_url: str = Field(default_factory=lambda: local.service_url("registration"))
