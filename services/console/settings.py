"""The console's settings (``CONSOLE_*``): where the three services are, how people sign in, where
the pinned front-end assets are. Bad configuration fails at start-up."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from shared import local
from shared.settings import CommonSettings, Environment

ROOT = Path(__file__).resolve().parents[2]


class ConsoleSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="CONSOLE_", extra="ignore", frozen=True)

    registration_url: str = Field(default_factory=lambda: local.service_url("registration"))
    benefits_url: str = Field(default_factory=lambda: local.service_url("benefits"))
    employment_url: str = Field(default_factory=lambda: local.service_url("employment"))
    # Links into the Temporal UI from the operations pages (no personal data is in its IDs).
    temporal_ui_url: str = Field(default_factory=local.temporal_ui_url)
    # htmx, ECharts and axe-core, pinned in services/console/assets/package-lock.json and
    # installed by scripts/setup.sh (npm ci); never fetched from a CDN at run time.
    assets_dir: Path = ROOT / ".tools" / "console-assets" / "node_modules"
    # A session lasts a working day; the service tokens the console mints last as long.
    session_minutes: int = Field(default=480, ge=5, le=24 * 60)
    # How long one page waits for a service before it shows that the service is unavailable.
    service_timeout_seconds: float = Field(default=10.0, gt=0)
    # Cookies travel over HTTPS only (production is behind TLS; make run is plain HTTP).
    secure_cookies: bool | None = None
    # OpenID Connect (production): the agency's identity provider. The ID token's claims give the
    # role and the district (claim names configurable).
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    # Or the secret in a file (a mounted compose/Kubernetes secret), kept out of `docker inspect`.
    oidc_client_secret_file: Path | None = None
    oidc_role_claim: str = "uis_role"
    oidc_district_claim: str = "uis_district"
    oidc_name_claim: str = "name"
    # Where the identity provider sends people back to (the console's own public URL).
    public_url: str = Field(default_factory=local.console_url)
    # The console's own listening port (uvicorn), read by scripts; here for its address in logs.
    port: int = Field(
        default_factory=lambda: int(local.setting("UIS_CONSOLE_PORT")),
        validation_alias=AliasChoices("UIS_CONSOLE_PORT"),
    )

    @property
    def production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @property
    def cookies_secure(self) -> bool:
        return self.production if self.secure_cookies is None else self.secure_cookies

    @property
    def oidc_configured(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def dev_sign_in(self) -> bool:
        """The pick-a-role sign-in page exists only outside production."""
        return not self.production

    @model_validator(mode="after")
    def _secret_from_file(self) -> ConsoleSettings:
        if self.oidc_client_secret_file is not None:
            if self.oidc_client_secret is not None:
                raise ValueError("set CONSOLE_OIDC_CLIENT_SECRET or CONSOLE_OIDC_CLIENT_SECRET_FILE, not both")
            try:
                secret = self.oidc_client_secret_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ValueError(f"CONSOLE_OIDC_CLIENT_SECRET_FILE: cannot read it ({exc.strerror})") from None
            object.__setattr__(self, "oidc_client_secret", SecretStr(secret))
        return self

    @model_validator(mode="after")
    def _production_needs_oidc(self) -> ConsoleSettings:
        if self.production:
            if not self.oidc_configured or self.oidc_client_secret is None:
                raise ValueError(
                    "production needs CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and "
                    "CONSOLE_OIDC_CLIENT_SECRET(_FILE) (there is no development sign-in there)"
                )
            if not self._configured_private_key:
                raise ValueError(
                    "production needs UIS_JWT_PRIVATE_KEY(_FILE): the console signs each signed-in "
                    "person's service token"
                )
        return self
