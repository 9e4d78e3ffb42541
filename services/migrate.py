"""``uis-migrate``: apply the services' SQL migrations (shared/migrate.py), each with its own
folder and database role as the service declares them.

    uis-migrate                 # all services
    uis-migrate registration    # one
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from services.benefits.settings import BenefitsSettings
from services.employment.settings import EmploymentSettings
from services.registration.settings import RegistrationSettings
from shared.migrate import migrate
from shared.settings import ServiceSettings

log = logging.getLogger("uis.migrate")
SETTINGS: dict[str, type[ServiceSettings]] = {
    "registration": RegistrationSettings,
    "benefits": BenefitsSettings,
    "employment": EmploymentSettings,
}
SERVICES = tuple(SETTINGS)


def migrations_of(service: str) -> Path:
    return SETTINGS[service].MIGRATIONS


def migrate_service(service: str, database_url: str | None = None) -> int:
    return migrate(migrations_of(service), database_url or SETTINGS[service]().database_url)


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
        log.info("%s: %d migration(s) applied", service, migrate_service(service))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
