"""Settings shared by every process of the system.

Each service defines one ``BaseSettings`` subclass with its own ``env_prefix`` (e.g.
``REGISTRATION_``); the fields here are common to all of them and read from ``UIS_*`` variables
(``OTEL_EXPORTER_OTLP_ENDPOINT`` keeps its standard name). Bad configuration fails at start-up.
"""

from __future__ import annotations

import enum
from typing import Any

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared import local
from shared.auth.keys import PUBLIC_DEVELOPMENT_SECRET, weak_secret_reason

_DEV_SECRET = PUBLIC_DEVELOPMENT_SECRET


class Environment(enum.StrEnum):
    """Where a process runs. Only these: a misspelt name must not pass for "not production"."""

    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    environment: Environment = Field(
        default=Environment.DEVELOPMENT, validation_alias=AliasChoices("UIS_ENVIRONMENT")
    )
    jwt_secret: str = Field(default=_DEV_SECRET, validation_alias=AliasChoices("UIS_JWT_SECRET"))
    jwt_issuer: str = Field(default="uis", validation_alias=AliasChoices("UIS_JWT_ISSUER"))
    temporal_address: str = Field(
        default_factory=local.temporal_address, validation_alias=AliasChoices("UIS_TEMPORAL_ADDRESS")
    )
    temporal_namespace: str = Field(
        default="default", validation_alias=AliasChoices("UIS_TEMPORAL_NAMESPACE")
    )
    task_queue: str = Field(
        default="claimant-journey", validation_alias=AliasChoices("UIS_TASK_QUEUE")
    )
    otlp_endpoint: str | None = Field(
        default=None, validation_alias=AliasChoices("OTEL_EXPORTER_OTLP_ENDPOINT")
    )
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("UIS_LOG_LEVEL"))

    @field_validator("environment", mode="before")
    @classmethod
    def _known_environment(cls, value: Any) -> Any:
        # "Production", " production " are production; "prod" or "" fail at start-up.
        if isinstance(value, str):
            try:
                return Environment(value.strip().lower())
            except ValueError:
                allowed = ", ".join(e.value for e in Environment)
                raise ValueError(f"UIS_ENVIRONMENT must be one of {allowed} (any case)") from None
        return value

    @field_validator("jwt_secret")
    @classmethod
    def _secret_long_enough(cls, value: str) -> str:
        # HS256 keys shorter than the hash output are brute-forceable; refuse them at start-up.
        if len(value) < 32:
            raise ValueError("UIS_JWT_SECRET must be at least 32 characters")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("UIS_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
        return value

    @model_validator(mode="after")
    def _strong_secret_in_production(self) -> CommonSettings:
        # A secret that was set: not the default, which check_production_safety() refuses.
        if self.environment is Environment.PRODUCTION and "jwt_secret" in self.model_fields_set:
            reason = weak_secret_reason(self.jwt_secret)
            if reason is not None:
                raise ValueError(f"UIS_JWT_SECRET {reason}: use e.g. `openssl rand -hex 32`")
        return self

    def check_production_safety(self) -> None:
        if self.environment is Environment.PRODUCTION and self.jwt_secret == _DEV_SECRET:
            raise ValueError("UIS_JWT_SECRET must be set in production")


class ServiceSettings(CommonSettings):
    """A FastAPI service: its database and whether it relays its outbox to Temporal."""

    database_url: str
    pool_min_size: int = 1
    pool_max_size: int = 10
    # The outbox relay starts and signals workflows; tests of a single service turn it off.
    outbox_relay: bool = True
    outbox_poll_seconds: float = Field(default=2.0, gt=0)

    def check_production_safety(self) -> None:
        super().check_production_safety()
        # The defaults point at the local development cluster; production must say where to go.
        if self.environment is Environment.PRODUCTION and "database_url" not in self.model_fields_set:
            raise ValueError("the service's *_DATABASE_URL must be set in production")

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: str) -> str:
        if not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("database_url must be a postgresql:// URL")
        return value
