"""Settings shared by every process of the system.

Each service defines one ``BaseSettings`` subclass with its own ``env_prefix`` (e.g.
``REGISTRATION_``); the fields here are common to all of them and read from ``UIS_*`` variables
(``OTEL_EXPORTER_OTLP_ENDPOINT`` keeps its standard name). Bad configuration fails at start-up.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, PrivateAttr, SecretStr, field_validator, model_validator
from limits import parse_many
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared import local
from shared.auth.keys import (
    MIN_SECRET_LENGTH,
    TokenKeys,
    development_token_keys,
    is_development_key,
    load_private_key,
    load_public_key,
    weak_secret_reason,
)


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
    # Tokens (shared/auth/keys.py): a key pair, PEM in the variable or in a file. Services get the
    # public key (verify), the worker and uis-token the private key (sign). Nothing set outside
    # production: the clone's development pair in .tools/jwt. UIS_JWT_SECRET (HS256, every holder
    # can mint tokens) instead of the pair is still accepted, strong in production.
    jwt_public_key: str | None = Field(default=None, validation_alias=AliasChoices("UIS_JWT_PUBLIC_KEY"))
    jwt_public_key_file: Path | None = Field(
        default=None, validation_alias=AliasChoices("UIS_JWT_PUBLIC_KEY_FILE")
    )
    jwt_private_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("UIS_JWT_PRIVATE_KEY")
    )
    jwt_private_key_file: Path | None = Field(
        default=None, validation_alias=AliasChoices("UIS_JWT_PRIVATE_KEY_FILE")
    )
    jwt_secret: SecretStr | None = Field(default=None, validation_alias=AliasChoices("UIS_JWT_SECRET"))
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
    # The share of new traces recorded when an exporter is set (parent-based: a request that
    # arrives inside a sampled trace stays in it). Unset: 0.1 in production, 1.0 elsewhere.
    # Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is traced at all (shared/telemetry.py).
    trace_sample_ratio: float | None = Field(
        default=None, ge=0, le=1, validation_alias=AliasChoices("UIS_TRACE_SAMPLE_RATIO")
    )
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("UIS_LOG_LEVEL"))

    _token_keys: TokenKeys | None = PrivateAttr(default=None)

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
    def _secret_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        # HS256 keys shorter than the hash output are brute-forceable; refuse them at start-up.
        if value is not None and len(value.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ValueError(f"UIS_JWT_SECRET must be at least {MIN_SECRET_LENGTH} characters")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("UIS_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
        return value

    @model_validator(mode="after")
    def _token_key_material(self) -> CommonSettings:
        """Parse what was configured now, so a bad key fails at start-up, not at the first call."""
        production = self.environment is Environment.PRODUCTION
        public = _pem("UIS_JWT_PUBLIC_KEY", self.jwt_public_key, self.jwt_public_key_file)
        private_value = self.jwt_private_key.get_secret_value() if self.jwt_private_key else None
        private = _pem("UIS_JWT_PRIVATE_KEY", private_value, self.jwt_private_key_file)
        if self.jwt_secret is not None:
            if public or private:
                raise ValueError(
                    "set either UIS_JWT_SECRET or the key pair (UIS_JWT_PUBLIC_KEY / "
                    "UIS_JWT_PRIVATE_KEY and their *_FILE forms), not both"
                )
            secret = self.jwt_secret.get_secret_value()
            reason = weak_secret_reason(secret) if production else None
            if reason is not None:
                raise ValueError(f"UIS_JWT_SECRET {reason}: use e.g. `openssl rand -hex 32`")
            self._token_keys = TokenKeys.from_secret(self.jwt_issuer, secret)
            return self
        for name, pem, path in (
            ("UIS_JWT_PUBLIC_KEY", public, self.jwt_public_key_file),
            ("UIS_JWT_PRIVATE_KEY", private, self.jwt_private_key_file),
        ):
            if pem is None:
                continue
            try:
                (load_public_key if name == "UIS_JWT_PUBLIC_KEY" else load_private_key)(pem)
            except ValueError as exc:
                raise ValueError(f"{name}{'_FILE' if path else ''} {exc}") from None
            if production and is_development_key(pem, path):
                raise ValueError(f"{name}{'_FILE' if path else ''} is the development key: refused in production")
        if public or private:
            self._token_keys = TokenKeys.from_pem(self.jwt_issuer, private_pem=private, public_pem=public)
        return self

    @property
    def sample_ratio(self) -> float:
        """UIS_TRACE_SAMPLE_RATIO, else 0.1 in production and 1.0 elsewhere."""
        if self.trace_sample_ratio is not None:
            return self.trace_sample_ratio
        return 0.1 if self.environment is Environment.PRODUCTION else 1.0

    def token_keys(self) -> TokenKeys:
        """The keys this process was given; outside production, with none given, the clone's
        development pair (made on first use)."""
        if self._token_keys is not None:
            return self._token_keys
        if self.environment is Environment.PRODUCTION:
            raise ValueError(
                "no token keys in production: set UIS_JWT_PUBLIC_KEY or UIS_JWT_PUBLIC_KEY_FILE to "
                "verify tokens, UIS_JWT_PRIVATE_KEY or UIS_JWT_PRIVATE_KEY_FILE to sign them"
            )
        return development_token_keys(self.jwt_issuer)

    @property
    def _configured_private_key(self) -> bool:
        return self.jwt_private_key is not None or self.jwt_private_key_file is not None

    def check_production_safety(self) -> None:
        """What a process of this kind needs in production beyond valid values (subclasses)."""


def _pem(name: str, value: str | None, path: Path | None) -> bytes | None:
    if value is not None and path is not None:
        raise ValueError(f"set {name} or {name}_FILE, not both")
    if path is not None:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise ValueError(f"{name}_FILE: cannot read {path} ({exc.strerror})") from None
    if value is not None:
        # A PEM in one line (some secret stores cannot hold newlines) has them as \n.
        return value.replace("\\n", "\n").encode()
    return None


class ServiceSettings(CommonSettings):
    """A FastAPI service: its database and whether it relays its outbox to Temporal."""

    database_url: str
    # Per process (each uvicorn worker has its own pool; issue 13 item 4, measured with
    # benchmarks/profiles/intake.py at 2 workers on 2 cores: 4 served c=8 and c=32 as well as 10
    # or 20, and 20 ran the cluster out of connections). A service holds workers × max + one
    # relay connection per process: 3 services × 2 workers × 5 = 30 of PostgreSQL's 100 here.
    pool_min_size: int = 1
    pool_max_size: int = 4
    # A request waits at most this long for a pooled connection, then gets 503 (never hangs).
    pool_acquire_timeout_seconds: float = Field(default=10.0, gt=0)
    # The outbox relay starts and signals workflows; tests of a single service turn it off.
    outbox_relay: bool = True
    outbox_poll_seconds: float = Field(default=2.0, gt=0)
    # Hardened defaults (shared/hardening.py). A request body larger than this gets 413; the
    # uploads a service names (the bank-return file) may reach max_upload_bytes.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1, validation_alias=AliasChoices("UIS_MAX_BODY_BYTES"))
    max_upload_bytes: int = Field(
        default=16 * 1024 * 1024, ge=1, validation_alias=AliasChoices("UIS_MAX_UPLOAD_BYTES")
    )
    # Writes (POST/PUT/PATCH/DELETE) per principal (token subject, else client address), in the
    # `limits` notation ("120/minute;2000/hour"); the worker's `system` role is exempt unless
    # UIS_RATE_LIMIT_SYSTEM says otherwise. Counters live in UIS_RATE_LIMIT_STORAGE (per process
    # by default; a redis:// URL shares them between replicas).
    rate_limit: str = Field(default="120/minute", validation_alias=AliasChoices("UIS_RATE_LIMIT"))
    rate_limit_system: str | None = Field(default=None, validation_alias=AliasChoices("UIS_RATE_LIMIT_SYSTEM"))
    rate_limit_storage: str = Field(default="memory://", validation_alias=AliasChoices("UIS_RATE_LIMIT_STORAGE"))
    # /docs, /redoc and /openapi.json: on outside production unless set false, off in production
    # unless set true.
    api_docs: bool | None = Field(default=None, validation_alias=AliasChoices("UIS_API_DOCS"))
    # Strict-Transport-Security: only when the services are reached over HTTPS (a TLS proxy).
    hsts_max_age: int = Field(default=0, ge=0, validation_alias=AliasChoices("UIS_HSTS_MAX_AGE"))

    @field_validator("rate_limit", "rate_limit_system")
    @classmethod
    def _rate_limit_notation(cls, value: str | None, info: Any) -> str | None:
        if value is None or (info.field_name == "rate_limit_system" and not value.strip()):
            return None
        try:
            parse_many(value)
        except ValueError:
            name = "UIS_RATE_LIMIT" if info.field_name == "rate_limit" else "UIS_RATE_LIMIT_SYSTEM"
            raise ValueError(f'{name} must be like "120/minute" or "120/minute;2000/hour"') from None
        return value

    @property
    def docs_enabled(self) -> bool:
        return self.api_docs if self.api_docs is not None else self.environment is not Environment.PRODUCTION

    def check_production_safety(self) -> None:
        super().check_production_safety()
        if self.environment is not Environment.PRODUCTION:
            return
        # The defaults point at the local development cluster; production must say where to go.
        if "database_url" not in self.model_fields_set:
            raise ValueError("the service's *_DATABASE_URL must be set in production")
        # A service verifies tokens and mints none (issue 9): the public key only.
        if self._configured_private_key:
            raise ValueError(
                "a service verifies tokens only: give it UIS_JWT_PUBLIC_KEY or "
                "UIS_JWT_PUBLIC_KEY_FILE, not the private key"
            )
        if self._token_keys is None:
            raise ValueError("UIS_JWT_PUBLIC_KEY or UIS_JWT_PUBLIC_KEY_FILE must be set in production")

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: str) -> str:
        if not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("database_url must be a postgresql:// URL")
        return value
