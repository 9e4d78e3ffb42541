"""shared.db.read_snapshot: the parts of one record (a claim with its payments, a job seeker with
their guidance and referrals) are read in one read-only REPEATABLE READ transaction."""

from __future__ import annotations

from shared import db
from tests.conftest import database_url


async def test_a_snapshot_is_read_only_repeatable_read(migrated: None) -> None:
    conn = await db.connect(database_url("benefits"))
    try:
        async with db.read_snapshot(conn):
            isolation = await conn.fetchval("SHOW transaction_isolation")
            read_only = await conn.fetchval("SHOW transaction_read_only")
        assert (isolation, read_only) == ("repeatable read", "on")
        # Inside a caller's transaction (the tests' rolled-back one) it is a savepoint of it.
        async with conn.transaction():
            async with db.read_snapshot(conn):
                assert await conn.fetchval("SELECT 1") == 1
    finally:
        await conn.close()
