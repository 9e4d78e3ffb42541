"""Apply a service's plain-SQL migrations with yoyo-migrations, before the service starts.

Each service connects as its own database role whose ``search_path`` is its own schema, so its
tables and yoyo's bookkeeping tables live in that schema only. Which folder and role belong to
which service is the service's to say (``services/<name>/settings.py``); the command that runs
them all is ``uis-migrate`` (services/migrate.py).
"""

from __future__ import annotations

from pathlib import Path

from yoyo import get_backend, read_migrations


def yoyo_url(database_url: str) -> str:
    # yoyo picks its driver from the scheme; psycopg 3 is the one installed.
    _, rest = database_url.split("://", 1)
    return f"postgresql+psycopg://{rest}"


def migrate(folder: Path, database_url: str) -> int:
    """Apply what is pending in ``folder``; returns how many migrations were applied."""
    backend = get_backend(yoyo_url(database_url))
    migrations = read_migrations(str(folder))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return len(pending)
