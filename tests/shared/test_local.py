"""Every port and URL comes from one set of variables (scripts/defaults.env), read alike by the
shell scripts and the Python settings; tests never reach the run database."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from services.benefits.settings import BenefitsSettings
from services.employment.settings import EmploymentSettings
from services.registration.settings import RegistrationSettings
from shared import local
from shared.settings import CommonSettings
from workflows.settings import WorkerSettings

ROOT = Path(__file__).resolve().parents[2]
MOVED = {
    "UIS_PG_HOST": "127.0.0.9",
    "UIS_PG_PORT": "55432",
    "UIS_DATABASE": "uis_other",
    "UIS_TEMPORAL_PORT": "17233",
    "UIS_REGISTRATION_PORT": "18001",
    "UIS_BENEFITS_PORT": "18002",
    "UIS_EMPLOYMENT_PORT": "18003",
}


@pytest.fixture
def moved_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in MOVED.items():
        monkeypatch.setenv(name, value)
    for name in ("REGISTRATION_DATABASE_URL", "BENEFITS_DATABASE_URL", "EMPLOYMENT_DATABASE_URL",
                 "UIS_TEMPORAL_ADDRESS", "BENEFITS_REGISTRATION_URL"):
        monkeypatch.delenv(name, raising=False)


def test_every_python_default_follows_the_variables(moved_ports: None) -> None:
    assert RegistrationSettings().database_url == "postgresql://registration:registration@127.0.0.9:55432/uis_other"
    assert BenefitsSettings().database_url.endswith("@127.0.0.9:55432/uis_other")
    assert EmploymentSettings().database_url.endswith("@127.0.0.9:55432/uis_other")
    assert BenefitsSettings().registration_url == "http://127.0.0.1:18001"
    worker = WorkerSettings()
    assert [str(u).rstrip("/") for u in (worker.registration_url, worker.benefits_url, worker.employment_url)] == [
        "http://127.0.0.1:18001", "http://127.0.0.1:18002", "http://127.0.0.1:18003",
    ]
    assert CommonSettings().temporal_address == "127.0.0.1:17233"


def test_a_full_url_still_wins(moved_ports: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENEFITS_DATABASE_URL", "postgresql://benefits:secret@db.internal:5432/uis")
    assert BenefitsSettings().database_url == "postgresql://benefits:secret@db.internal:5432/uis"


def test_the_scripts_read_the_same_defaults_and_honour_the_environment() -> None:
    script = 'source scripts/lib.sh; echo "$UIS_PG_PORT $UIS_TEMPORAL_PORT $UIS_REGISTRATION_PORT $UIS_TEST_DATABASE"'
    env = {k: v for k, v in os.environ.items() if not k.startswith("UIS_")}
    shell_defaults = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    python_defaults = " ".join(
        local._defaults()[n] for n in ("UIS_PG_PORT", "UIS_TEMPORAL_PORT", "UIS_REGISTRATION_PORT", "UIS_TEST_DATABASE")
    )
    assert shell_defaults.stdout.strip() == python_defaults
    moved = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=env | {"UIS_PG_PORT": "55432"}, capture_output=True, text=True, check=True
    )
    assert moved.stdout.split()[0] == "55432"


def test_the_suite_runs_on_the_test_database_only() -> None:
    test_database = local.setting("UIS_TEST_DATABASE")
    assert test_database != local.setting("UIS_DATABASE")
    for service in local.SERVICES:
        assert os.environ[f"{service.upper()}_DATABASE_URL"].rsplit("/", 1)[1] == test_database
    assert os.environ["UIS_TEMPORAL_NAMESPACE"] == "uis-test"


def test_an_unknown_variable_is_an_error() -> None:
    with pytest.raises(KeyError):
        local.setting("UIS_NO_SUCH_PORT")
