"""Where the parts of the system listen on a developer machine or in CI, from one set of
environment variables whose defaults are in ``scripts/defaults.env`` (the shell scripts read the
same file). Settings use these as their defaults; production sets full URLs instead."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULTS_FILE = Path(__file__).resolve().parent.parent / "scripts" / "defaults.env"
SERVICES = ("registration", "benefits", "employment")


def _defaults() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in DEFAULTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def setting(name: str) -> str:
    """The environment's value of ``name``, else its default from scripts/defaults.env."""
    value = os.environ.get(name)
    if value:
        return value
    try:
        return _defaults()[name]
    except KeyError:
        raise KeyError(f"{name} is not one of the variables of {DEFAULTS_FILE.name}") from None


def database_url(role: str, database: str | None = None) -> str:
    """A service role's URL on the local cluster (the role's password is its name locally)."""
    host, port = setting("UIS_PG_HOST"), setting("UIS_PG_PORT")
    return f"postgresql://{role}:{role}@{host}:{port}/{database or setting('UIS_DATABASE')}"


def service_url(service: str) -> str:
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}")
    return f"http://127.0.0.1:{setting(f'UIS_{service.upper()}_PORT')}"


def temporal_address() -> str:
    return f"127.0.0.1:{setting('UIS_TEMPORAL_PORT')}"


def console_url() -> str:
    return f"http://127.0.0.1:{setting('UIS_CONSOLE_PORT')}"


def temporal_ui_url() -> str:
    return f"http://127.0.0.1:{setting('UIS_TEMPORAL_UI_PORT')}"
