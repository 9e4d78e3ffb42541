"""The staff console (issue 11) as the scripts and the deployment run it, held to the code: the
pinned assets, `make run`'s supervisord program, the image's assets stage and the compose service
whose environment must build the console's production settings. There is no Docker engine here,
so the files are read, not run (deploy/README.md, "Consistency")."""

from __future__ import annotations

import configparser
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.console.main import VENDOR_FILES
from services.console.settings import ConsoleSettings
from shared import local

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "services" / "console" / "assets"
PINNED = {"htmx.org": "2.0.11", "echarts": "6.1.0", "axe-core": "4.14.1"}
# ${NAME:-default} and ${NAME:?message}, the two forms docker-compose.yml uses.
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Z0-9_]+)(?::(?P<op>[-?])(?P<arg>[^}]*))?\}")


def _compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _console() -> dict[str, Any]:
    return _compose()["services"]["console"]


def _dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _interpolate(value: str, given: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        if name in given:
            return given[name]
        if op == "-":
            return arg
        raise AssertionError(f"compose would refuse: {name} has no default ({arg})")

    return INTERPOLATION.sub(one, value)


def test_the_assets_are_pinned_exactly_and_locked() -> None:
    package = json.loads((ASSETS / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ASSETS / "package-lock.json").read_text(encoding="utf-8"))
    assert package["private"] is True and "scripts" not in package
    assert package["dependencies"] == PINNED
    assert lock["packages"][""]["dependencies"] == PINNED
    for name, version in PINNED.items():
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")


def test_setup_checks_every_file_the_console_serves() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    checked = re.search(r"^ASSETS_FILES=\((?P<files>[^)]*)\)", setup, re.MULTILINE)
    assert checked is not None
    assert sorted(checked["files"].split()) == sorted(VENDOR_FILES.values())


def test_make_run_supervises_the_console_on_its_port(tmp_path: Path) -> None:
    conf = tmp_path / "supervisord.conf"
    env = {"PATH": "/usr/bin:/bin", "UIS_CONSOLE_PORT": "18000",
           "UIS_LOG_DIR": str(tmp_path), "UIS_RUN_DIR": str(tmp_path)}
    subprocess.run([str(ROOT / "scripts" / "supervisor.sh"), str(conf)], env=env, cwd=ROOT, check=True)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    program = parser["program:console"]
    assert program["command"].split()[1:] == [
        "--factory", "services.console.main:create_app", "--host", "127.0.0.1", "--port", "18000",
        "--timeout-graceful-shutdown", "5", "--timeout-keep-alive", "30",
    ]
    assert program["autorestart"] == "true" and program["stdout_logfile"] == str(tmp_path / "console.log")


def test_the_image_holds_the_locked_assets_where_the_console_looks() -> None:
    dockerfile = _dockerfile()
    assert re.search(r"^FROM \$\{NODE_IMAGE\} AS assets$", dockerfile, re.MULTILINE)
    assert "ARG NODE_IMAGE=node:20-slim" in dockerfile
    assert ("COPY services/console/assets/package.json services/console/assets/package-lock.json ./"
            in dockerfile)
    assert "RUN npm ci --no-audit --no-fund --ignore-scripts" in dockerfile
    env = re.search(r"CONSOLE_ASSETS_DIR=(\S+)", dockerfile)
    assert env is not None
    assert f"COPY --from=assets /assets/node_modules {env[1]}" in dockerfile
    assert _console()["environment"]["CONSOLE_ASSETS_DIR"] == env[1]


def test_the_compose_service_runs_the_console_factory_with_a_health_check() -> None:
    console = _console()
    command = console["command"]
    assert command[:3] == ["uvicorn", "--factory", "services.console.main:create_app"]
    port = command[command.index("--port") + 1]
    # The same port as make run's default (an exported UIS_CONSOLE_PORT moves only make run's).
    assert "UIS_CONSOLE_PORT=8000" in local.DEFAULTS_FILE.read_text(encoding="utf-8").splitlines()
    assert port == "8000"
    assert console["ports"] == [f"{port}:{port}"]
    assert f"http://127.0.0.1:{port}/health" in " ".join(console["healthcheck"]["test"])
    # It signs (the public key alone is not enough) and is the identity provider's client.
    assert console["secrets"] == ["jwt_private_key", "oidc_client_secret"]
    assert set(console["depends_on"]) >= {"registration", "benefits", "employment"}


def test_every_console_variable_of_compose_is_a_setting() -> None:
    fields = set(ConsoleSettings.model_fields)
    names = [k for k in _console()["environment"] if k.startswith("CONSOLE_")]
    assert names and [n for n in names if n.removeprefix("CONSOLE_").lower() not in fields] == []


@pytest.fixture
def key_files(tmp_path: Path) -> dict[str, str]:
    private = Ed25519PrivateKey.generate()
    path = tmp_path / "jwt-private.pem"
    path.write_bytes(private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    secret = tmp_path / "oidc-client-secret"
    secret.write_text("client-secret\n", encoding="utf-8")
    return {"/run/secrets/jwt_private_key": str(path), "/run/secrets/oidc_client_secret": str(secret)}


def test_the_compose_environment_builds_the_production_console(
    key_files: dict[str, str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = {"CONSOLE_PUBLIC_URL": "https://console.example", "CONSOLE_OIDC_ISSUER": "https://idp.example/uis",
             "CONSOLE_OIDC_CLIENT_ID": "uis-console"}
    env = {k: _interpolate(str(v), given) for k, v in _console()["environment"].items()}
    env["UIS_JWT_PRIVATE_KEY_FILE"] = key_files[env["UIS_JWT_PRIVATE_KEY_FILE"]]
    env["CONSOLE_OIDC_CLIENT_SECRET_FILE"] = key_files[env["CONSOLE_OIDC_CLIENT_SECRET_FILE"]]
    for name in [n for n in os.environ if n.startswith(("UIS_", "CONSOLE_"))]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = ConsoleSettings()
    assert settings.production and settings.oidc_configured and not settings.dev_sign_in
    assert settings.cookies_secure and settings.token_keys().can_sign
    assert settings.registration_url == "http://registration:8001"
    assert settings.public_url == "https://console.example"
    assert settings.oidc_client_secret is not None and settings.oidc_client_secret.get_secret_value() == "client-secret"
    monkeypatch.delenv("CONSOLE_OIDC_CLIENT_SECRET_FILE")
    with pytest.raises(ValueError, match="CONSOLE_OIDC_CLIENT_SECRET"):
        ConsoleSettings()


def test_compose_refuses_to_start_the_console_without_its_sign_in() -> None:
    env = _console()["environment"]
    for name in ("CONSOLE_PUBLIC_URL", "CONSOLE_OIDC_ISSUER", "CONSOLE_OIDC_CLIENT_ID"):
        with pytest.raises(AssertionError, match=f"compose would refuse: {name}"):
            _interpolate(str(env[name]), {})
