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


def test_production_refuses_the_development_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    with pytest.raises(ValueError, match="UIS_JWT_SECRET"):
        RegistrationSettings().check_production_safety()


def test_production_needs_an_explicit_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    monkeypatch.setenv("UIS_JWT_SECRET", "p" * 40)
    monkeypatch.delenv("REGISTRATION_DATABASE_URL", raising=False)
    with pytest.raises(ValueError, match="DATABASE_URL"):
        RegistrationSettings().check_production_safety()
    monkeypatch.setenv("REGISTRATION_DATABASE_URL", "postgresql://registration:x@db/uis")
    RegistrationSettings().check_production_safety()
