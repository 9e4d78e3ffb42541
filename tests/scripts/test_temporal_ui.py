"""The Temporal Web UI of the production engine (scripts/temporal-ui.sh) and the temporal-ui
container, held to one configuration file (deploy/temporal/ui/config/docker.yaml): the variables
it reads are the ones the script and compose set, the port comes from scripts/defaults.env, and
the file sits where the image reads its own. Nothing here builds the ui-server; the one test that
runs it is skipped when scripts/temporal-ui.sh has not built it."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared import local

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "temporal" / "ui" / "config" / "docker.yaml"
SCRIPT = ROOT / "scripts" / "temporal-ui.sh"
# What the config file may contain: `env "NAME"`, optionally `| default "VALUE"` (sprig's default:
# an empty value counts as unset). Anything else would need the real template engine to check.
ACTION = re.compile(r'\{\{\s*env\s+"(?P<name>[A-Z0-9_]+)"(?:\s*\|\s*default\s+"(?P<default>[^"]*)")?\s*\}\}')
# The image (ui-server's Dockerfile: WORKDIR /home/ui-server, config/docker.yaml; its start script
# runs `ui-server --env docker start`) reads this file.
IMAGE_CONFIG = "/home/ui-server/config/docker.yaml"


def _text() -> str:
    return CONFIG.read_text(encoding="utf-8")


def _template_names() -> dict[str, str | None]:
    return {m["name"]: m["default"] for m in ACTION.finditer(_text())}


def _render(env: dict[str, str]) -> dict[str, Any]:
    def one(match: re.Match[str]) -> str:
        return env.get(match["name"]) or match["default"] or ""

    return yaml.safe_load(ACTION.sub(one, _text()))


def _compose_ui() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return compose["services"]["temporal-ui"]


def _script_env() -> dict[str, str]:
    """The TEMPORAL_* variables scripts/temporal-ui.sh sets on the ui-server's command line."""
    return dict(re.findall(r"\b(TEMPORAL_[A-Z0-9_]+)=(\S+)", SCRIPT.read_text(encoding="utf-8")))


def test_the_file_is_a_template_of_env_lookups_only() -> None:
    text = _text()
    # The ui-server renders a file only when a comment in its first 1 KB says enable-template.
    assert any(line.strip().startswith("#") and "enable-template" in line for line in text[:1024].splitlines())
    # Every action is one the ACTION pattern (and _render) understands.
    assert text.count("{{") == len(ACTION.findall(text))
    # html/template renders it: a `<` would switch it into tag context and escape values.
    assert "<" not in text


def test_the_script_and_compose_set_exactly_what_the_file_reads() -> None:
    names = _template_names()
    script, compose = _script_env(), _compose_ui()["environment"]
    assert set(script) == set(names)
    assert set(compose) <= set(names)
    # No default on purpose: both must give the server's address.
    assert names["TEMPORAL_ADDRESS"] is None
    assert "TEMPORAL_ADDRESS" in compose
    # The file binds loopback unless told; the container is told (published on loopback below).
    assert names["TEMPORAL_UI_HOST"] == "127.0.0.1" and compose["TEMPORAL_UI_HOST"] == "0.0.0.0"


def test_rendered_as_the_script_and_compose_run_it() -> None:
    defaults = local._defaults()
    script = _render(
        {
            "TEMPORAL_ADDRESS": f"127.0.0.1:{defaults['UIS_TEMPORAL_SERVER_PORT']}",
            "TEMPORAL_UI_HOST": "127.0.0.1",
            "TEMPORAL_UI_PORT": defaults["UIS_TEMPORAL_SERVER_UI_PORT"],
            "TEMPORAL_CSRF_COOKIE_INSECURE": "true",
        }
    )
    assert script["temporalGrpcAddress"] == "127.0.0.1:7300"
    assert (script["host"], script["port"], script["enableUi"]) == ("127.0.0.1", 8300, True)
    assert script["defaultNamespace"] == "default"
    assert script["cors"] == {"allowOrigins": [], "unsafeAllowAllOrigins": False, "cookieInsecure": True}

    compose = _render({k: str(v) for k, v in _compose_ui()["environment"].items()})
    assert (compose["temporalGrpcAddress"], compose["host"]) == ("temporal:7233", "0.0.0.0")
    assert compose["cors"]["cookieInsecure"] is False  # behind the TLS proxy: a Secure cookie


def test_compose_mounts_the_file_where_the_image_reads_it_and_publishes_loopback_only() -> None:
    ui = _compose_ui()
    assert f"./{CONFIG.relative_to(ROOT)}:{IMAGE_CONFIG}:ro" in ui["volumes"]
    version = subprocess.run(["bash", str(SCRIPT), "version"], capture_output=True, text=True, check=True)
    assert ui["image"] == f"temporalio/ui:{version.stdout.strip().removeprefix('v')}"
    port = ui["environment"]["TEMPORAL_UI_PORT"]
    assert ui["ports"] == [f"127.0.0.1:{port}:{port}"]


def test_the_port_is_one_of_the_defaults_and_run_sh_points_the_console_at_it() -> None:
    script = 'source scripts/lib.sh; echo "$UIS_TEMPORAL_SERVER_UI_PORT"'
    env = {k: v for k, v in os.environ.items() if not k.startswith("UIS_")}
    shell = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert shell.stdout.strip() == local._defaults()["UIS_TEMPORAL_SERVER_UI_PORT"] == "8300"
    assert 'PORT="$UIS_TEMPORAL_SERVER_UI_PORT"' in SCRIPT.read_text(encoding="utf-8")
    # ENGINE=server moves the console's UI links (shared/local.py temporal_ui_url()) to this UI.
    run = (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    assert 'export UIS_TEMPORAL_UI_PORT="$UIS_TEMPORAL_SERVER_UI_PORT"' in run
    assert '"$ROOT/scripts/temporal-ui.sh" start' in run and '"$ROOT/scripts/temporal-ui.sh" stop' in run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_ui_server_renders_the_file_from_the_environment(tmp_path: Path) -> None:
    version = subprocess.run(["bash", str(SCRIPT), "version"], capture_output=True, text=True, check=True)
    binary = ROOT / ".tools" / "temporal-ui" / version.stdout.strip() / "server"
    if not binary.exists():
        pytest.skip(
            f"{binary.relative_to(ROOT)} is not built (scripts/temporal-ui.sh build); the test does not build it"
        )
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        # Nothing listens there: the settings route needs no Temporal server.
        "TEMPORAL_ADDRESS": f"127.0.0.1:{_free_port()}",
        "TEMPORAL_UI_PORT": str(port),
        "TEMPORAL_DEFAULT_NAMESPACE": "uis-test",
    }
    command = [str(binary), "--root", str(CONFIG.parent.parent), "--config", "config", "--env", "docker", "start"]
    with (tmp_path / "ui.log").open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/settings", timeout=2) as answer:
                    settings = json.load(answer)
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "ui.log").read_text(errors="replace")
                assert time.monotonic() < deadline, "the ui-server did not answer within 15 s"
                time.sleep(0.2)
        assert settings["DefaultNamespace"] == "uis-test"
        assert settings["Version"] == version.stdout.strip().removeprefix("v")
    finally:
        process.terminate()
        process.wait(timeout=10)
