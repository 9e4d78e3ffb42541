from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import ServiceSettings


class BenefitsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BENEFITS_", extra="ignore", frozen=True)

    # The service's own database role (its schema) and migrations (applied by uis-migrate).
    DATABASE_ROLE: ClassVar[str] = "benefits"
    MIGRATIONS: ClassVar[Path] = Path(__file__).resolve().parent / "migrations"

    database_url: str = Field(default_factory=lambda: local.database_url("benefits"))
    # R-REV-1: the agency decides within 10 days of accepting the claim.
    review_days: int = Field(default=10, ge=1, le=30)
    # The registration service, for the audit cross-match (insurance history, contract item 3).
    registration_url: str = Field(default_factory=lambda: local.service_url("registration"))
    # R-NOTICE-1 / R-APPEAL-1: who signs the written decisions, and the 行政复议 body they name.
    agency_name: str = Field(default="长沙市失业保险经办机构", min_length=1, max_length=60)
    reconsideration_body: str = Field(default="长沙市人民政府", min_length=1, max_length=60)
    # R-NOTICE-1: render one throw-away notice in a thread at start-up, so the first decision does
    # not pay for loading WeasyPrint, Pango and the fonts (notices/warm_up.py). Off: the first pays.
    notice_warm_up: bool = True
