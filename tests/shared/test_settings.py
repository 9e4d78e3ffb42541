import pytest
from pydantic import ValidationError

from services.registration.settings import RegistrationSettings


def test_short_jwt_secret_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_JWT_SECRET", "short")
    with pytest.raises(ValidationError, match="at least 32 characters"):
        RegistrationSettings()


def test_non_postgres_database_url_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRATION_DATABASE_URL", "mysql://x@y/z")
    with pytest.raises(ValidationError, match="postgresql://"):
        RegistrationSettings()


def test_production_refuses_the_development_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    with pytest.raises(ValueError, match="UIS_JWT_PUBLIC_KEY"):
        RegistrationSettings().check_production_safety()


def test_production_needs_an_explicit_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    monkeypatch.setenv("UIS_JWT_SECRET", "3f9a1c07d2b84e6f95a0c3d1e7b2f48a")
    monkeypatch.delenv("REGISTRATION_DATABASE_URL", raising=False)
    with pytest.raises(ValueError, match="DATABASE_URL"):
        RegistrationSettings().check_production_safety()
    monkeypatch.setenv("REGISTRATION_DATABASE_URL", "postgresql://registration:x@db/uis")
    RegistrationSettings().check_production_safety()


# --- issue 9 item 4.1: the production check cannot be bypassed -------------------------------


@pytest.mark.parametrize("value", ["Production", "PRODUCTION", " production ", "pRoDuCtIoN"])
def test_production_is_production_in_any_case(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from shared.settings import Environment

    monkeypatch.setenv("UIS_ENVIRONMENT", value)
    monkeypatch.delenv("UIS_JWT_SECRET", raising=False)
    settings = RegistrationSettings()
    assert settings.environment is Environment.PRODUCTION
    # Nothing configured: the development credentials are never used in production.
    with pytest.raises(ValueError, match="UIS_JWT_"):
        settings.check_production_safety()


@pytest.mark.parametrize("value", ["prod", "live", "staging", "", "production!"])
def test_an_unknown_environment_fails_at_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from shared.settings import CommonSettings

    monkeypatch.setenv("UIS_ENVIRONMENT", value)
    with pytest.raises(ValidationError, match="UIS_ENVIRONMENT"):
        CommonSettings()


@pytest.mark.parametrize(
    "secret",
    [
        "a" * 32,
        "a" * 64,
        "ab" * 20,
        "0123456789" * 4,
        "dev-only-secret-change-me-0123456789abcdef",  # the public development default
        "abcdefghijklmnopqrstuvwxyz012345",  # a run of consecutive characters
        "my-jwt-secret-for-production-2026!",
        "passwordpasswordpassword12345678",
    ],
)
def test_production_refuses_a_weak_secret(monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    monkeypatch.setenv("UIS_JWT_SECRET", secret)
    monkeypatch.setenv("REGISTRATION_DATABASE_URL", "postgresql://registration:x@db/uis")
    with pytest.raises(ValidationError, match="UIS_JWT_SECRET"):
        RegistrationSettings()


def test_production_accepts_a_random_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    import secrets

    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    monkeypatch.setenv("REGISTRATION_DATABASE_URL", "postgresql://registration:x@db/uis")
    for secret in (secrets.token_hex(32), secrets.token_urlsafe(32), secrets.token_hex(16)):
        monkeypatch.setenv("UIS_JWT_SECRET", secret)
        RegistrationSettings().check_production_safety()
