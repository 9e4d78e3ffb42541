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
    # R-NOTICE-1 / R-APPEAL-1: who signs an employer's written decisions (a contribution assessment,
    # a settlement, a fine), and the 行政复议 body they name (shared/notices).
    agency_name: str = Field(default="长沙市失业保险经办机构", min_length=1, max_length=60)
    reconsideration_body: str = Field(default="长沙市人民政府", min_length=1, max_length=60)
