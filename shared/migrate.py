"""Apply each service's plain-SQL migrations with yoyo-migrations, before the service starts.

Each service connects as its own database role whose ``search_path`` is its own schema, so its
tables and yoyo's bookkeeping tables live in that schema only.

    uis-migrate                 # all services
    uis-migrate registration    # one
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from yoyo import get_backend, read_migrations

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("registration", "benefits", "employment")
log = logging.getLogger("uis.migrate")


def _settings_for(service: str):  # noqa: ANN202 - a service's Settings class
    if service == "registration":
        from services.registration.settings import RegistrationSettings

        return RegistrationSettings()
    if service == "benefits":
        from services.benefits.settings import BenefitsSettings

        return BenefitsSettings()
    from services.employment.settings import EmploymentSettings

    return EmploymentSettings()


def yoyo_url(database_url: str) -> str:
    # yoyo picks its driver from the scheme; psycopg 3 is the one installed.
    scheme, rest = database_url.split("://", 1)
    return f"postgresql+psycopg://{rest}"


def migrate(service: str, database_url: str) -> int:
    backend = get_backend(yoyo_url(database_url))
    migrations = read_migrations(str(ROOT / "services" / service / "migrations"))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return len(pending)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level="INFO", format="%(message)s")
    logging.getLogger("yoyo").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description="Apply the services' SQL migrations")
    parser.add_argument("services", nargs="*", metavar="SERVICE", help=f"any of {', '.join(SERVICES)}")
    args = parser.parse_args(argv)
    unknown = set(args.services) - set(SERVICES)
    if unknown:
        parser.error(f"unknown service(s): {', '.join(sorted(unknown))}")
    for service in args.services or SERVICES:
        applied = migrate(service, _settings_for(service).database_url)
        log.info("%s: %d migration(s) applied", service, applied)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
