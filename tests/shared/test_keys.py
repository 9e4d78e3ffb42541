"""Asymmetric tokens (issue 9, item 4.2): signed with a private key (Ed25519, EdDSA), verified
with the public key; each process gets only the key it needs; the development key pair lives in
the git-ignored .tools/ and is refused in production."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import stat
import subprocess
from pathlib import Path

import jwt
import pytest
from pydantic import ValidationError

from services.registration.settings import RegistrationSettings
from shared import local
from shared.auth import Role, TokenError, decode_token, issue_token
from shared.auth.cli import main as token_cli
from shared.auth.keys import DEVELOPMENT_KEY_DIR, ensure_development_keys, generate_key_pair
from shared.clock import utc_now
from shared.settings import CommonSettings

_KEY_VARIABLES = (
    "UIS_JWT_SECRET", "UIS_JWT_PUBLIC_KEY", "UIS_JWT_PUBLIC_KEY_FILE", "UIS_JWT_PRIVATE_KEY",
    "UIS_JWT_PRIVATE_KEY_FILE",
)


@pytest.fixture(autouse=True)
def no_key_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _KEY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def key_pair(tmp_path: Path) -> tuple[Path, Path]:
    private_pem, public_pem = generate_key_pair()
    private, public = tmp_path / "jwt-private.pem", tmp_path / "jwt-public.pem"
    private.write_bytes(private_pem)
    public.write_bytes(public_pem)
    return private, public


def production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_ENVIRONMENT", "production")
    monkeypatch.setenv("REGISTRATION_DATABASE_URL", "postgresql://registration:x@db/uis")


def test_the_private_key_signs_and_the_public_key_verifies(
    monkeypatch: pytest.MonkeyPatch, key_pair: tuple[Path, Path]
) -> None:
    private, public = key_pair
    monkeypatch.setenv("UIS_JWT_PRIVATE_KEY_FILE", str(private))
    signer = CommonSettings().token_keys()
    monkeypatch.delenv("UIS_JWT_PRIVATE_KEY_FILE")
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY", public.read_text())
    verifier = RegistrationSettings().token_keys()

    token = issue_token(signer, subject="claimant-journey-worker", role=Role.SYSTEM)
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"
    assert decode_token(token, verifier).role is Role.SYSTEM
    # Whoever holds only the public key cannot mint a token.
    with pytest.raises(TokenError, match="signing key"):
        issue_token(verifier, subject="x", role=Role.SYSTEM)


def test_an_hmac_token_keyed_with_the_public_key_is_refused(
    monkeypatch: pytest.MonkeyPatch, key_pair: tuple[Path, Path]
) -> None:
    """Algorithm confusion: the public key is public, so it must not work as an HMAC secret."""
    _, public = key_pair
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(public))
    verifier = RegistrationSettings().token_keys()

    def b64(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    now = int(utc_now().timestamp())
    claims = {"sub": "x", "role": "system", "iss": "uis", "aud": "uis-api", "iat": now, "exp": now + 600}
    signing_input = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + b"." + b64(json.dumps(claims).encode())
    signature = hmac.new(public.read_bytes(), signing_input, hashlib.sha256).digest()
    forged = (signing_input + b"." + b64(signature)).decode()
    with pytest.raises(TokenError):
        decode_token(forged, verifier)


def test_a_service_in_production_gets_the_public_key_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch, key_pair: tuple[Path, Path]
) -> None:
    private, public = key_pair
    production(monkeypatch)
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(public))
    RegistrationSettings().check_production_safety()

    monkeypatch.setenv("UIS_JWT_PRIVATE_KEY_FILE", str(private))
    with pytest.raises(ValueError, match="private key"):
        RegistrationSettings().check_production_safety()


def test_production_never_falls_back_to_the_development_keys(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    production(monkeypatch)
    with pytest.raises(ValueError, match="UIS_JWT_PUBLIC_KEY"):
        RegistrationSettings().check_production_safety()
    with pytest.raises(ValueError, match="UIS_JWT_"):
        CommonSettings().token_keys()
    # The token CLI in production needs the private key.
    assert token_cli(["--role", "operations"]) == 2
    assert "UIS_JWT_PRIVATE_KEY" in capsys.readouterr().err


def test_production_refuses_the_development_key_pair(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    development = ensure_development_keys(DEVELOPMENT_KEY_DIR)
    production(monkeypatch)
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(development.public))
    with pytest.raises(ValidationError, match="development key"):
        RegistrationSettings()
    monkeypatch.delenv("UIS_JWT_PUBLIC_KEY_FILE")
    # Copied elsewhere, or pasted into the variable, it is still the development key.
    copy = tmp_path / "public.pem"
    copy.write_bytes(development.public.read_bytes())
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(copy))
    with pytest.raises(ValidationError, match="development key"):
        RegistrationSettings()
    monkeypatch.delenv("UIS_JWT_PUBLIC_KEY_FILE")
    monkeypatch.setenv("UIS_JWT_PRIVATE_KEY", development.private.read_text())
    with pytest.raises(ValidationError, match="development key"):
        CommonSettings()


def test_the_worker_in_production_needs_the_private_key(
    monkeypatch: pytest.MonkeyPatch, key_pair: tuple[Path, Path]
) -> None:
    from workflows.clients import ServiceClients
    from workflows.settings import WorkerSettings

    private, public = key_pair
    production(monkeypatch)
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(public))
    with pytest.raises(ValueError, match="UIS_JWT_PRIVATE_KEY"):
        ServiceClients.from_settings(WorkerSettings())
    monkeypatch.delenv("UIS_JWT_PUBLIC_KEY_FILE")
    monkeypatch.setenv("UIS_JWT_PRIVATE_KEY_FILE", str(private))
    ServiceClients.from_settings(WorkerSettings())


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("UIS_JWT_PUBLIC_KEY", "not a key", "UIS_JWT_PUBLIC_KEY"),
        ("UIS_JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "UIS_JWT_PRIVATE_KEY"),
        ("UIS_JWT_PUBLIC_KEY_FILE", "/nonexistent/jwt-public.pem", "UIS_JWT_PUBLIC_KEY_FILE"),
    ],
)
def test_bad_key_material_fails_at_start_up(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError, match=message):
        CommonSettings()


def test_keys_that_are_not_one_pair_fail_at_start_up(
    monkeypatch: pytest.MonkeyPatch, key_pair: tuple[Path, Path]
) -> None:
    private, _ = key_pair
    _, other_public = generate_key_pair()
    monkeypatch.setenv("UIS_JWT_PRIVATE_KEY_FILE", str(private))
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY", other_public.decode())
    with pytest.raises(ValidationError, match="not one key pair"):
        CommonSettings()


def test_an_rsa_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY", pem.decode())
    with pytest.raises(ValidationError, match="Ed25519"):
        CommonSettings()


def test_a_secret_and_keys_together_fail_at_start_up(
    monkeypatch: pytest.MonkeyPatch, key_pair: tuple[Path, Path]
) -> None:
    monkeypatch.setenv("UIS_JWT_SECRET", "3f9a1c07d2b84e6f95a0c3d1e7b2f48a")
    monkeypatch.setenv("UIS_JWT_PUBLIC_KEY_FILE", str(key_pair[1]))
    with pytest.raises(ValidationError, match="either"):
        CommonSettings()


def test_a_shared_secret_still_works_and_is_hs256(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_JWT_SECRET", "3f9a1c07d2b84e6f95a0c3d1e7b2f48a")
    keys = CommonSettings().token_keys()
    token = issue_token(keys, subject="x", role=Role.OPERATIONS)
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert decode_token(token, keys).subject == "x"


def test_the_development_key_pair_is_made_once_private_and_git_ignored(tmp_path: Path) -> None:
    first = ensure_development_keys(tmp_path / "jwt")
    again = ensure_development_keys(tmp_path / "jwt")
    assert (first.private.read_bytes(), first.public.read_bytes()) == (
        again.private.read_bytes(), again.public.read_bytes(),
    )
    assert stat.S_IMODE(first.private.stat().st_mode) == 0o600
    # The project's own pair: under .tools/, which git ignores, so it is never committed.
    root = local.DEFAULTS_FILE.parent.parent
    assert DEVELOPMENT_KEY_DIR.is_relative_to(root / ".tools")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(DEVELOPMENT_KEY_DIR / "jwt-private.pem")], cwd=root, check=False
    )
    assert ignored.returncode == 0


def test_without_configuration_development_uses_the_development_pair() -> None:
    keys = CommonSettings().token_keys()
    development = ensure_development_keys(DEVELOPMENT_KEY_DIR)
    token = issue_token(keys, subject="x", role=Role.AUDITOR)
    verifier = RegistrationSettings(UIS_JWT_PUBLIC_KEY_FILE=str(development.public)).token_keys()
    assert decode_token(token, verifier).role is Role.AUDITOR
